import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useServerMessage } from '../../../hooks/useServerMessage'

/** The server's field messages about rates (English) in the UI's language. */
export function useRateMessage(): (message: string) => string {
  const { t } = useTranslation()
  const serverMessage = useServerMessage()
  return useCallback(
    (message: string) => {
      if (/for this date exists/.test(message)) return t('rates.errors.taken')
      if (/into the company currency/.test(message)) return t('rates.errors.base')
      if (/^Repeats line (\d+)/.test(message)) return t('rates.errors.repeats', { line: /^Repeats line (\d+)/.exec(message)![1] })
      if (/decimal|Must be at (least|most)/.test(message)) return t('rates.rateFormat')
      if (/ISO 4217/.test(message)) return t('rates.currencyHint')
      if (/date such as|Invalid ISO date/i.test(message)) return t('rates.errors.date')
      return serverMessage(message)
    },
    [t, serverMessage],
  )
}
