import { useTranslation } from 'react-i18next'
import { formatMoney } from '../lib/money'

/** An amount (decimal string) in its currency, formatted for the UI's language. */
export function Money({ amount, currency, strong = false }: { amount: string | null | undefined; currency: string; strong?: boolean }) {
  useTranslation() // re-render when the language changes
  if (amount === null || amount === undefined) return null
  return (
    <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', fontWeight: strong ? 600 : undefined }} data-amount={amount} data-currency={currency}>
      {formatMoney(amount, currency)}
    </span>
  )
}
