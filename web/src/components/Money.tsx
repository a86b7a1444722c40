import { useTranslation } from 'react-i18next'
import { formatMoney, formatMoneyValue, type MoneyValue } from '../lib/money'

/** An amount (decimal string) in its currency, formatted for the UI's language. */
export function Money({ amount, currency, strong = false }: { amount: MoneyValue | null | undefined; currency: string; strong?: boolean }) {
  useTranslation() // re-render when the language changes
  if (amount === null || amount === undefined) return null
  if (Array.isArray(amount)) {
    // Amounts without an exchange rate: each in its own currency, never added up.
    return (
      <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', fontWeight: strong ? 600 : undefined }} data-amount={amount.map((p) => `${p.currency} ${p.amount}`).join(' + ')} data-per-currency="true">
        {formatMoneyValue(amount, currency)}
      </span>
    )
  }
  return (
    <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', fontWeight: strong ? 600 : undefined }} data-amount={amount} data-currency={currency}>
      {formatMoney(amount, currency)}
    </span>
  )
}
