import { useQueryClient } from '@tanstack/react-query'
import i18n from 'i18next'
import { useCallback } from 'react'
import { rememberSignedOutChoice, storeLocale, type AppLocale } from '../../../lib/locale'
import { authApi, sessionKey, type Session } from '../api'

/**
 * Switches the UI language at once, remembers it in this browser and, when signed in,
 * on the user's profile (so it follows him to other devices); picked while signed out, it becomes
 * the profile's language at the next sign-in (auth/session.ts).
 */
export function useChangeLanguage(): (locale: AppLocale) => void {
  const queryClient = useQueryClient()
  return useCallback(
    (locale: AppLocale) => {
      void i18n.changeLanguage(locale)
      storeLocale(locale)
      const session = queryClient.getQueryData<Session | null>(sessionKey)
      if (!session) rememberSignedOutChoice(locale)
      if (!session || session.user.locale === locale) return
      authApi
        .updateMe({ locale })
        .then((s) => queryClient.setQueryData(sessionKey, s))
        .catch(() => {
          /* the language still changes locally; the profile keeps the old one */
        })
    },
    [queryClient],
  )
}
