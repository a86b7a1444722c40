import type { Executor } from '../../db/database'
import { validationError, type FieldError } from '../../server/errors'
import { assertAmountFits, moneyOut, plain } from '../opportunities/opportunities.money'
import type { ProductService } from '../products/products.service'
import type { LineSnapshot } from './quotes.model'
import type { QuoteLineInput } from './quotes.schema'

interface PreviousLine {
  productId: string | null
  sku: string | null
}

/**
 * Turns typed lines into snapshots: a line naming a product takes its SKU (and, where not typed,
 * its name, price and tax rate) as they are now; a product already on the quote keeps the SKU it
 * was quoted with, even if the catalog changed or it was deleted since. New lines may only name
 * live, active products priced in the quote's currency unless a price is typed.
 */
export async function snapshotLines(trx: Executor, products: ProductService, inputs: QuoteLineInput[], currency: string, previous: PreviousLine[] = []): Promise<LineSnapshot[]> {
  const found = new Map((await products.byIds(trx, inputs.flatMap((l) => (l.productId ? [l.productId] : [])))).map((p) => [p.id, p]))
  const errors: FieldError[] = []
  const lines = inputs.map((l, i): LineSnapshot => {
    const path = `lines.${i}`
    const p = l.productId ? found.get(l.productId) : undefined
    const before = l.productId ? previous.find((x) => x.productId === l.productId) : undefined
    if (l.productId && !p) errors.push({ path: `${path}.productId`, message: 'No such product' })
    else if (p && !before && (p.deletedAt || !p.active)) errors.push({ path: `${path}.productId`, message: 'This product is no longer offered' })
    const description = l.description ?? p?.name
    if (!description) errors.push({ path: `${path}.description`, message: 'Required' })
    let unitPrice = l.unitPrice
    if (unitPrice === undefined && p) {
      if (p.currency === currency) unitPrice = p.unitPrice
      else errors.push({ path: `${path}.unitPrice`, message: `The product is priced in ${p.currency}: type the price in ${currency}` })
    } else if (unitPrice === undefined && !l.productId) errors.push({ path: `${path}.unitPrice`, message: 'Required' })
    if (unitPrice !== undefined) {
      try {
        assertAmountFits(unitPrice, currency, `${path}.unitPrice`)
      } catch {
        errors.push({ path: `${path}.unitPrice`, message: `At most the decimals of ${currency}` })
      }
    }
    return {
      productId: l.productId ?? null,
      sku: before?.sku ?? p?.sku ?? null,
      description: description ?? '',
      quantity: plain(l.quantity),
      unitPrice: moneyOut(unitPrice ?? '0', currency),
      discountPercent: plain(l.discountPercent),
      taxRate: plain(l.taxRate ?? p?.taxRate ?? '0'),
    }
  })
  if (errors.length) throw validationError(errors)
  return lines
}
