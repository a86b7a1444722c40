import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../lib/ApiError'
import { useServerMessage } from './useServerMessage'

/** A sentence for people from any error an API call threw, in the current language. */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation()
  const serverMessage = useServerMessage()
  return useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return t('errors.unknown')
      if (error.status === 403 && error.code !== 'CSRF_TOKEN_INVALID') return t('errors.forbidden')
      if (error.code === 'VALIDATION_FAILED' && error.errors.length > 0) {
        return `${t('errors.codes.VALIDATION_FAILED')}: ${error.errors.map((e) => `${e.path} ${serverMessage(e.message)}`).join('; ')}`
      }
      const key = `errors.codes.${error.code}`
      if (i18n.exists(key)) return t(key)
      if (error.status >= 500) return t('errors.server')
      return error.detail ?? t('errors.unknown')
    },
    [t, i18n, serverMessage],
  )
}
