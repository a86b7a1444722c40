import Big from 'big.js'
import { fieldError } from '../../server/errors'
import { amountScale } from '../opportunities/opportunities.money'

/** What prices a line of a quote or an order. */
export interface PricedLineInput {
  quantity: string
  unitPrice: string
  discountPercent: string
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

const MAX = new Big('999999999999999.99')

/**
 * Exact decimal totals of a quote or order. gross = qty × price, discount = gross × d%, tax =
 * (gross − discount) × t%, all unrounded; each total is the exact sum rounded once (half up) to the
 * currency's minor unit (at most 2: the columns are numeric(18,2)). So the total may differ by a
 * cent from the rounded parts added up, but never drifts from the exact amount owed.
 */
export function priceDocument(lines: PricedLineInput[], currency: string): DocumentTotals {
  const dp = amountScale(currency)
  const round = (b: Big) => b.round(dp, Big.roundHalfUp)
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
    return { amount: round(g.minus(d)).toFixed(dp), taxAmount: round(t).toFixed(dp) }
  })
  const totals = {
    subtotal: round(gross),
    discountTotal: round(discount),
    taxTotal: round(tax),
    total: round(gross.minus(discount).plus(tax)),
  }
  if (Object.values(totals).some((v) => v.gt(MAX)) || perLine.some((l) => new Big(l.amount).gt(MAX))) {
    throw fieldError('lines', 'The total is too large (at most 999999999999999.99)')
  }
  return {
    subtotal: totals.subtotal.toFixed(dp),
    discountTotal: totals.discountTotal.toFixed(dp),
    taxTotal: totals.taxTotal.toFixed(dp),
    total: totals.total.toFixed(dp),
    lines: perLine,
  }
}
