import Big from 'big.js'
import { amountScale, MAX_AMOUNT, priceDealLines, type LineInput, type PricedLines } from '../../lib/pricing'
import { fieldError } from '../../server/errors'

/** A stored amount as the API shows it: fixed to the currency's minor unit ("1234.50", JPY "1235"). */
export const moneyOut = (value: string, currency: string) => new Big(value).toFixed(amountScale(currency), Big.roundHalfUp)

/** A decimal without trailing zeros ("2.5000" → "2.5"), for quantities and percentages. */
export const plain = (value: string) => new Big(value).toFixed()

/** Prices the lines exactly (lib/pricing, as the web editor previews them); a total the database cannot hold is a 400 on `lines`. */
export function priceLines(lines: LineInput[], currency: string): PricedLines {
  const priced = priceDealLines(lines, currency)
  if (new Big(priced.total).gt(MAX_AMOUNT) || priced.amounts.some((a) => new Big(a).gt(MAX_AMOUNT))) {
    throw fieldError('lines', 'The total is too large (at most 999999999999999.99)')
  }
  return priced
}

/** A typed amount must not carry more decimals than its currency has (JPY: none). */
export function assertAmountFits(amount: string, currency: string, path = 'amount'): void {
  const dp = amountScale(currency)
  if (!new Big(amount).round(dp, Big.roundDown).eq(amount)) {
    throw fieldError(path, dp === 0 ? `${currency} amounts have no decimals` : `${currency} amounts have at most ${dp} decimals`)
  }
}
