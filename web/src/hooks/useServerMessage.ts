import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * The server writes field messages in English ("Required", "Invalid e-mail address").
 * Known ones are translated; anything else is shown as the server wrote it.
 */
export function useServerMessage(): (message: string) => string {
  const { t } = useTranslation()
  return useCallback(
    (message: string) => {
      const known = t('serverMessages', { returnObjects: true }) as Record<string, string>
      if (known && typeof known === 'object' && known[message]) return known[message]
      // The admin sets the minimum password length, so the number varies.
      const short = /^At least (\d+) characters$/.exec(message)
      if (short) return t('validation.passwordMinN', { count: Number(short[1]) })
      // The server says why ("…is too short for a phone number in United Kingdom (+44)"); the country-code hint is in it only when it applies.
      const phone = /^Not a valid phone number: (.+)$/.exec(message)
      if (phone) return t('validation.phoneWhy', { reason: phone[1] })
      if (message.startsWith('Not a valid phone number')) return t('validation.phone')
      return message
    },
    [t],
  )
}
