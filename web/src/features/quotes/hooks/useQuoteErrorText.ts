import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../../hooks/useErrorText'
import { isApiError } from '../../../lib/ApiError'

/**
 * Error sentences for the quote and order codes (quotes.errors.<CODE>), with the server's own
 * detail where it explains more (the mail server's reply); everything else as usual.
 */
export function useQuoteErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation()
  const generic = useErrorText()
  return useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return generic(error)
      const key = `quotes.errors.${error.code}`
      if (!i18n.exists(key)) return generic(error)
      const detail = error.code === 'MAIL_SEND_FAILED' && error.detail && error.detail !== t(key) ? ` (${error.detail})` : ''
      return t(key) + detail
    },
    [t, i18n, generic],
  )
}
