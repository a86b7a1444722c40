import Big from 'big.js'
import { currencyDigits } from '../../lib/money'
import type { Quote, QuoteLine, QuoteLineInput } from './types'

/**
 * A quote line as the editor holds it: numbers as the user typed them (decimal strings), plus the
 * product snapshot (SKU, name) the line was filled from. Totals are previewed with big.js exactly
 * as the server computes them; the saved quote's totals are the server's.
 */
export interface QuoteLineDraft {
  key: string
  productId: string | null
  sku: string
  description: string
  quantity: string | null
  unitPrice: string | null
  discountPercent: string | null
  taxRate: string | null
}

export interface QuoteTotals {
  subtotal: string
  discountTotal: string
  taxTotal: string
  total: string
}

const DECIMAL = /^-?\d{1,15}(\.\d+)?$/
const num = (v: string | null, blank?: string): Big | null => {
  const s = (v ?? '').trim() || blank
  return s !== undefined && DECIMAL.test(s) ? new Big(s) : null
}

let seq = 0
const newKey = () => `new-${++seq}`

export const toDraft = (l: QuoteLine): QuoteLineDraft => ({
  key: l.id,
  productId: l.productId,
  sku: l.sku ?? '',
  description: l.description,
  quantity: l.quantity,
  unitPrice: l.unitPrice,
  discountPercent: l.discountPercent,
  taxRate: l.taxRate,
})

export const emptyLine = (): QuoteLineDraft => ({ key: newKey(), productId: null, sku: '', description: '', quantity: '1', unitPrice: null, discountPercent: '0', taxRate: '0' })

interface Parts {
  gross: Big
  discount: Big
  tax: Big
}

/** gross = qty × price; discount = gross × d%; tax = (gross − discount) × t%; all unrounded. */
function parts(l: QuoteLineDraft): Parts | null {
  const qty = num(l.quantity)
  const price = num(l.unitPrice)
  const d = num(l.discountPercent, '0')
  const t = num(l.taxRate, '0')
  if (!qty || !price || !d || !t) return null
  const gross = qty.times(price)
  const discount = gross.times(d).div(100)
  const tax = gross.minus(discount).times(t).div(100)
  return { gross, discount, tax }
}

/** As the server: the currency's minor unit, at most 2 (amounts are numeric(18,2)). */
const round = (b: Big, currency: string) => {
  const dp = Math.min(currencyDigits(currency), 2)
  return b.round(dp, Big.roundHalfUp).toFixed(dp)
}

/** The line's net amount (after discount, before tax) for display; null while a number is missing. */
export function lineAmount(l: QuoteLineDraft, currency: string): string | null {
  const p = parts(l)
  return p && round(p.gross.minus(p.discount), currency)
}

/** Sums of the unrounded lines, each rounded once; null while any line is incomplete. */
export function quoteTotals(lines: QuoteLineDraft[], currency: string): QuoteTotals | null {
  let gross = new Big(0)
  let discount = new Big(0)
  let tax = new Big(0)
  for (const l of lines) {
    const p = parts(l)
    if (!p) return null
    gross = gross.plus(p.gross)
    discount = discount.plus(p.discount)
    tax = tax.plus(p.tax)
  }
  return {
    subtotal: round(gross, currency),
    discountTotal: round(discount, currency),
    taxTotal: round(tax, currency),
    total: round(gross.minus(discount).plus(tax), currency),
  }
}

export const savedTotals = (q: Quote): QuoteTotals => ({ subtotal: q.subtotal, discountTotal: q.discountTotal, taxTotal: q.taxTotal, total: q.total })

/** What PATCH sends: every line, numbers as strings. */
export const toLineInputs = (lines: QuoteLineDraft[]): QuoteLineInput[] =>
  lines.map((l) => ({
    productId: l.productId,
    description: l.description.trim(),
    quantity: (l.quantity ?? '').trim(),
    unitPrice: (l.unitPrice ?? '').trim(),
    discountPercent: (l.discountPercent ?? '').trim() || '0',
    taxRate: (l.taxRate ?? '').trim() || '0',
  })) as QuoteLineInput[]

const comparable = (lines: QuoteLineDraft[]) => JSON.stringify(toLineInputs(lines))
export const linesChanged = (a: QuoteLineDraft[], b: QuoteLineDraft[]) => comparable(a) !== comparable(b)
