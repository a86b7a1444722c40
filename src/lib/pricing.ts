import Big from 'big.js'

/**
 * How Kith prices lines, shared by the server (which stores the result) and the web editors (which
 * preview it while the user types), so the preview is the stored amount to the cent. Pure big.js:
 * no floats, no rounding but the one of each total, half up.
 */

/** Minor units per ISO 4217 for the currencies that are not 2 (JPY, KRW: 0; BHD, KWD: 3). */
const MINOR_UNITS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3 }
export const minorUnits = (currency: string) => MINOR_UNITS[currency] ?? 2

/**
 * Decimals an amount is stored with: the currency's minor unit, at most 2 (amounts are
 * numeric(18,2), the team's agreement), so BHD or KWD is held to 2 decimals.
 */
export const amountScale = (currency: string) => Math.min(minorUnits(currency), 2)

/** The largest amount numeric(18,2) holds. */
export const MAX_AMOUNT = new Big('999999999999999.99')

/** A line of a deal: quantity × unit price less a discount percentage. */
export interface LineInput {
  quantity: string
  unitPrice: string
  discountPercent: string
}

/** quantity × unitPrice × (1 − discount%), unrounded. */
export const lineNet = (l: LineInput): Big => new Big(l.quantity).times(l.unitPrice).times(new Big(100).minus(l.discountPercent)).div(100)

export interface PricedLines {
  total: string
  /** Each line's amount, rounded on its own (for display; the total is rounded once from the exact sum). */
  amounts: string[]
}

/** A deal's lines: the exact sum rounded once, and each line rounded on its own. */
export function priceDealLines(lines: LineInput[], currency: string): PricedLines {
  const dp = amountScale(currency)
  const total = lines.reduce((acc, l) => acc.plus(lineNet(l)), new Big(0)).round(dp, Big.roundHalfUp).toFixed(dp)
  return { total, amounts: lines.map((l) => lineNet(l).round(dp, Big.roundHalfUp).toFixed(dp)) }
}

/** A line of a quote or an order: a deal's line with a tax rate. */
export interface PricedLineInput extends LineInput {
  taxRate: string
}

export interface DocumentTotals {
  subtotal: string
  discountTotal: string
  taxTotal: string
  total: string
  /** Per line, each rounded on its own for display: net of discount, and its tax. */
  lines: { amount: string; taxAmount: string }[]
}

/**
 * Exact decimal totals of a quote or order. gross = qty × price, discount = gross × d%, tax =
 * (gross − discount) × t%, all unrounded; each total is the exact sum rounded once (half up). So
 * the total may differ by a cent from the rounded parts added up, but never drifts from the exact
 * amount owed.
 */
export function priceDocumentLines(lines: PricedLineInput[], currency: string): DocumentTotals {
  const dp = amountScale(currency)
  const round = (b: Big) => b.round(dp, Big.roundHalfUp).toFixed(dp)
  let gross = new Big(0)
  let discount = new Big(0)
  let tax = new Big(0)
  const perLine = lines.map((l) => {
    const g = new Big(l.quantity).times(l.unitPrice)
    const d = g.times(l.discountPercent).div(100)
    const t = g.minus(d).times(l.taxRate).div(100)
    gross = gross.plus(g)
    discount = discount.plus(d)
    tax = tax.plus(t)
    return { amount: round(g.minus(d)), taxAmount: round(t) }
  })
  return {
    subtotal: round(gross),
    discountTotal: round(discount),
    taxTotal: round(tax),
    total: round(gross.minus(discount).plus(tax)),
    lines: perLine,
  }
}
