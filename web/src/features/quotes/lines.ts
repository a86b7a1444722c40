import { priceDocumentLines, type PricedLineInput } from '@server/lib/pricing'
import type { Quote, QuoteLine, QuoteLineInput } from './types'

/**
 * A quote line as the editor holds it: numbers as the user typed them (decimal strings), plus the
 * product snapshot (SKU, name) the line was filled from. Totals are previewed with the server's own
 * pricing (lib/pricing); the saved quote's totals are the server's.
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
const num = (v: string | null, blank?: string): string | null => {
  const s = (v ?? '').trim() || blank
  return s !== undefined && DECIMAL.test(s) ? s : null
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

/** The line's numbers, or null while one is missing or malformed (a blank discount or tax rate is 0). */
function priced(l: QuoteLineDraft): PricedLineInput | null {
  const quantity = num(l.quantity)
  const unitPrice = num(l.unitPrice)
  const discountPercent = num(l.discountPercent, '0')
  const taxRate = num(l.taxRate, '0')
  return quantity && unitPrice && discountPercent && taxRate ? { quantity, unitPrice, discountPercent, taxRate } : null
}

/** The line's net amount (after discount, before tax) for display; null while a number is missing. */
export function lineAmount(l: QuoteLineDraft, currency: string): string | null {
  const p = priced(l)
  return p && priceDocumentLines([p], currency).lines[0]!.amount
}

/** The quote's totals as the server will store them; null while any line is incomplete. */
export function quoteTotals(lines: QuoteLineDraft[], currency: string): QuoteTotals | null {
  const all = lines.map(priced)
  if (!all.every((p) => p !== null)) return null
  const { lines: _perLine, ...totals } = priceDocumentLines(all as PricedLineInput[], currency)
  return totals
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
