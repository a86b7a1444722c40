import Big from 'big.js'
import { lineNet, linesTotal, minorUnits, type LineInput } from '../../lib/money'
import { fieldError } from '../../server/errors'

/**
 * The money of a deal. Amounts are numeric(18,2) (the team's agreement), so a currency with 3
 * minor units (BHD, KWD…) is held to 2 decimals: rounded once, from the exact sum, never twice.
 * For every other currency this is exactly linesTotal() of lib/money.
 */
export const amountScale = (currency: string) => Math.min(minorUnits(currency), 2)

const MAX_AMOUNT = new Big('999999999999999.99')

/** A stored amount as the API shows it: fixed to the currency's minor unit ("1234.50", JPY "1235"). */
export const moneyOut = (value: string, currency: string) => new Big(value).toFixed(amountScale(currency), Big.roundHalfUp)

/** A decimal without trailing zeros ("2.5000" → "2.5"), for quantities and percentages. */
export const plain = (value: string) => new Big(value).toFixed()

export interface PricedLines {
  total: string
  /** Each line's amount, rounded on its own (for display; the total is rounded once from the exact sum). */
  amounts: string[]
}

/** Prices the lines exactly; a total the database cannot hold is a 400 on `lines`. */
export function priceLines(lines: LineInput[], currency: string): PricedLines {
  const dp = amountScale(currency)
  const total =
    dp === minorUnits(currency)
      ? linesTotal(lines, currency)
      : lines.reduce((acc, l) => acc.plus(lineNet(l)), new Big(0)).round(dp, Big.roundHalfUp).toFixed(dp)
  const amounts = lines.map((l) => lineNet(l).round(dp, Big.roundHalfUp).toFixed(dp))
  if (new Big(total).gt(MAX_AMOUNT) || amounts.some((a) => new Big(a).gt(MAX_AMOUNT))) {
    throw fieldError('lines', 'The total is too large (at most 999999999999999.99)')
  }
  return { total, amounts }
}

/** A typed amount must not carry more decimals than its currency has (JPY: none). */
export function assertAmountFits(amount: string, currency: string, path = 'amount'): void {
  const dp = amountScale(currency)
  if (!new Big(amount).round(dp, Big.roundDown).eq(amount)) {
    throw fieldError(path, dp === 0 ? `${currency} amounts have no decimals` : `${currency} amounts have at most ${dp} decimals`)
  }
}
