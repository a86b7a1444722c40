import i18n from 'i18next'
import { setCsrfToken } from '../../lib/api'
import { isAppLocale, storeLocale } from '../../lib/locale'
import type { Session } from './api'

/** What every fresh session does to the client: remember its CSRF token, speak the user's language. */
export function applySession(session: Session | null): void {
  setCsrfToken(session?.csrfToken ?? null)
  const locale = session?.user.locale
  if (isAppLocale(locale) && i18n.language !== locale) {
    void i18n.changeLanguage(locale)
    storeLocale(locale)
  }
}
