import Big from 'big.js'
import { MAX_AMOUNT, priceDocumentLines, type DocumentTotals, type PricedLineInput } from '../../lib/pricing'
import { fieldError } from '../../server/errors'

export type { DocumentTotals, PricedLineInput }

/** Totals of a quote or order (lib/pricing, as the web editor previews them); a total the database cannot hold is a 400 on `lines`. */
export function priceDocument(lines: PricedLineInput[], currency: string): DocumentTotals {
  const priced = priceDocumentLines(lines, currency)
  const { lines: perLine, ...totals } = priced
  if (Object.values(totals).some((v) => new Big(v).gt(MAX_AMOUNT)) || perLine.some((l) => new Big(l.amount).gt(MAX_AMOUNT))) {
    throw fieldError('lines', 'The total is too large (at most 999999999999999.99)')
  }
  return priced
}
