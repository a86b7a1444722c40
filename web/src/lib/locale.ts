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
