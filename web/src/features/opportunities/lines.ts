import Big from 'big.js'
import { currencyDigits } from '../../lib/money'
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

/** quantity × unitPrice × (1 − discount%), unrounded; null while a number is missing or malformed. */
function net(l: LineDraft): Big | null {
  const discount = l.discountPercent === null || l.discountPercent === '' ? '0' : l.discountPercent
  if (!valid(l.quantity) || !valid(l.unitPrice) || !valid(discount)) return null
  return new Big(l.quantity).times(l.unitPrice).times(new Big(100).minus(discount)).div(100)
}

/** The line's amount for the preview, rounded half-up to the currency's minor unit. */
export function previewLineAmount(l: LineDraft, currency: string): string | null {
  const n = net(l)
  const dp = currencyDigits(currency)
  return n === null ? null : n.round(dp, Big.roundHalfUp).toFixed(dp)
}

/** Sum of the unrounded lines, rounded once, as the server does; null while any line is incomplete. */
export function previewTotal(lines: LineDraft[], currency: string): string | null {
  let sum = new Big(0)
  for (const l of lines) {
    const n = net(l)
    if (n === null) return null
    sum = sum.plus(n)
  }
  const dp = currencyDigits(currency)
  return sum.round(dp, Big.roundHalfUp).toFixed(dp)
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
