import { priceDealLines, type LineInput as PricedLine } from '@server/lib/pricing'
import type { LineInput, OpportunityLine } from './types'

/** A line as the editor holds it: the numbers as the user typed them (decimal strings). */
export interface LineDraft {
  key: string
  productId: string | null
  description: string
  quantity: string | null
  unitPrice: string | null
  discountPercent: string | null
}

const DECIMAL = /^-?\d{1,15}(\.\d+)?$/
const valid = (v: string | null): v is string => v !== null && DECIMAL.test(v.trim())

let seq = 0
export const newLineKey = () => `new-${++seq}`

export const toDraft = (l: OpportunityLine): LineDraft => ({
  key: l.id,
  productId: l.productId,
  description: l.description,
  quantity: l.quantity,
  unitPrice: l.unitPrice,
  discountPercent: l.discountPercent,
})

export const emptyLine = (): LineDraft => ({ key: newLineKey(), productId: null, description: '', quantity: '1', unitPrice: null, discountPercent: '0' })

/** The line's numbers, or null while one is missing or malformed (a blank discount is none). */
function priced(l: LineDraft): PricedLine | null {
  const discount = l.discountPercent === null || l.discountPercent.trim() === '' ? '0' : l.discountPercent
  if (!valid(l.quantity) || !valid(l.unitPrice) || !valid(discount)) return null
  return { quantity: l.quantity.trim(), unitPrice: l.unitPrice.trim(), discountPercent: discount.trim() }
}

/** The line's amount for the preview, priced as the server will store it (lib/pricing). */
export function previewLineAmount(l: LineDraft, currency: string): string | null {
  const p = priced(l)
  return p && priceDealLines([p], currency).amounts[0]!
}

/** The deal's total as the server will store it; null while any line is incomplete. */
export function previewTotal(lines: LineDraft[], currency: string): string | null {
  const all = lines.map(priced)
  return all.every((p) => p !== null) ? priceDealLines(all as PricedLine[], currency).total : null
}

/** What PATCH sends: every line, numbers as strings. */
export const toLineInputs = (lines: LineDraft[]): LineInput[] =>
  lines.map((l) => ({
    productId: l.productId,
    description: l.description.trim(),
    quantity: (l.quantity ?? '').trim(),
    unitPrice: (l.unitPrice ?? '').trim(),
    discountPercent: (l.discountPercent ?? '').trim() || '0',
  }))

const comparable = (lines: LineDraft[]) => JSON.stringify(toLineInputs(lines))
export const linesChanged = (a: LineDraft[], b: LineDraft[]) => comparable(a) !== comparable(b)
