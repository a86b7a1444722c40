export const LOCALES = ['zh-CN', 'en'] as const
export type AppLocale = (typeof LOCALES)[number]

const STORAGE_KEY = 'kith.locale'

export const isAppLocale = (v: unknown): v is AppLocale => v === 'zh-CN' || v === 'en'

/** zh* → 中文, anything else → English. */
export function localeFromNavigator(languages: readonly string[] = navigator.languages ?? [navigator.language]): AppLocale {
  const first = languages.find(Boolean) ?? 'en'
  return first.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

export function storedLocale(): AppLocale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY)
    return isAppLocale(v) ? v : null
  } catch {
    return null
  }
}

export function storeLocale(locale: AppLocale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

export const initialLocale = (): AppLocale => storedLocale() ?? localeFromNavigator()

const CHOSEN_KEY = 'kith.locale.chosenSignedOut'

/** A language picked on a signed-out page (sign-in): the session that signs in next takes it. */
export function rememberSignedOutChoice(locale: AppLocale): void {
  try {
    sessionStorage.setItem(CHOSEN_KEY, locale)
  } catch {
    /* private mode: the sign-in then uses the profile's language */
  }
}

/** The language picked before signing in, once: later sign-ins follow the profile again. */
export function takeSignedOutChoice(): AppLocale | null {
  try {
    const v = sessionStorage.getItem(CHOSEN_KEY)
    sessionStorage.removeItem(CHOSEN_KEY)
    return isAppLocale(v) ? v : null
  } catch {
    return null
  }
}
