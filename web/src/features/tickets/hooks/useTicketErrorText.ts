import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../../lib/ApiError'

/** The service's own refusals in words (their codes are the tickets module's); null for anything else. */
export function useTicketErrorText(): (error: unknown) => string | null {
  const { t, i18n } = useTranslation()
  return useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return null
      const key = `tickets.errors.${error.code}`
      return i18n.exists(key) ? t(key) : null
    },
    [t, i18n],
  )
}
