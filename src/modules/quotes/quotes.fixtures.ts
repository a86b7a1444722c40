import type { Db } from '../../db/database'
import { newId } from '../../lib/ids'

// Test data for the quote, order and product tests (module-local: the shared factories are not ours).

let seq = 0

export async function insertProduct(db: Db, overrides: Partial<{ sku: string; name: string; unitPrice: string; currency: string; taxRate: string; active: boolean; deletedAt: Date | null }> = {}) {
  seq++
  return db
    .insertInto('products')
    .values({
      id: newId(),
      sku: overrides.sku ?? `SKU-${Date.now().toString(36)}-${seq}`,
      name: overrides.name ?? `Product ${seq}`,
      description: null,
      unitPrice: overrides.unitPrice ?? '100.00',
      currency: overrides.currency ?? 'CNY',
      taxRate: overrides.taxRate ?? '13',
      active: overrides.active ?? true,
      createdBy: null,
      deletedAt: overrides.deletedAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export interface LineSpec {
  productId?: string | null
  description: string
  quantity: string
  unitPrice: string
  discountPercent?: string
}

/** Puts lines on a deal directly (amounts as the deal service would store them are not needed by quotes). */
export async function insertOpportunityLines(db: Db, opportunityId: string, lines: LineSpec[]) {
  await db
    .insertInto('opportunityLines')
    .values(lines.map((l, i) => ({ id: newId(), opportunityId, position: i + 1, productId: l.productId ?? null, description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent ?? '0', amount: '0' })))
    .execute()
}
