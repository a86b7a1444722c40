import type { QueryClient } from '@tanstack/react-query'
import i18n from 'i18next'
import { setCsrfToken } from '../../lib/api'
import { isAppLocale, storeLocale, takeSignedOutChoice } from '../../lib/locale'
import { authApi, sessionKey, type Session } from './api'

/** What every fresh session does to the client: remember its CSRF token, speak the user's language. */
export function applySession(session: Session | null): void {
  setCsrfToken(session?.csrfToken ?? null)
  const locale = session?.user.locale
  if (isAppLocale(locale) && i18n.language !== locale) {
    void i18n.changeLanguage(locale)
    storeLocale(locale)
  }
}

/**
 * A sign-in (password, second factor or first-run set-up) just succeeded. The language the user
 * picked on the sign-in page becomes his profile's; without a pick, the profile's language
 * applies, and a profile without one takes the language the page was shown in.
 */
export function signedIn(queryClient: QueryClient, session: Session): void {
  const current = isAppLocale(i18n.language) ? i18n.language : null
  const locale = takeSignedOutChoice() ?? session.user.locale ?? current
  const withLocale = locale ? { ...session, user: { ...session.user, locale } } : session
  applySession(withLocale)
  queryClient.setQueryData(sessionKey, withLocale)
  if (locale && locale !== session.user.locale) {
    authApi
      .updateMe({ locale })
      .then((s) => queryClient.setQueryData(sessionKey, s))
      .catch(() => {
        /* the language still applies here; the profile keeps the old one */
      })
  }
}
