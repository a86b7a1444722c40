import { sql } from 'kysely'
import type { Executor } from '../../db/database'

/**
 * How SKUs and names are compared loosely ("GTXPro" = "GTX Pro" = "gtx-pro"): lower case, without
 * spaces and separators. The same set in SQL (LOOSE_CLASS) and here, so both sides agree.
 */
export const looseKey = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s_./(),·-]+/g, '')
const LOOSE_CLASS = '[[:space:]_./(),·-]+'

/**
 * Live products whose SKU or name is one of the keys, exactly (any case) or loosely: one query for
 * a batch. The loose arm scans the catalog, which is small next to the deals that name it.
 */
export function findProductsByKey(db: Executor, keys: string[], loose: string[]) {
  if (keys.length === 0) return Promise.resolve([])
  const squash = (column: 'sku' | 'name') => sql`regexp_replace(lower(${sql.ref(column)}), ${LOOSE_CLASS}, '', 'g')`
  return db
    .selectFrom('products')
    .select(['id', 'sku', 'name', 'unitPrice', 'currency'])
    .where('deletedAt', 'is', null)
    .where((eb) => eb.or([
      sql<boolean>`lower(sku) = ANY(${keys}::text[])`,
      sql<boolean>`lower(name) = ANY(${keys}::text[])`,
      sql<boolean>`${squash('sku')} = ANY(${loose}::text[])`,
      sql<boolean>`${squash('name')} = ANY(${loose}::text[])`,
    ]))
    .orderBy('id')
    .execute()
}

export type StoredLine = Awaited<ReturnType<typeof linesOfDeals>>[number]

export const linesOfDeals = (db: Executor, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('opportunityLines')
        .select(['opportunityId', 'position', 'productId', 'description', 'quantity', 'unitPrice', 'discountPercent', 'amount'])
        .where('opportunityId', 'in', ids)
        .orderBy('opportunityId')
        .orderBy('position')
        .execute()

export const deleteLinesOf = (db: Executor, ids: string[]) =>
  ids.length === 0 ? Promise.resolve() : db.deleteFrom('opportunityLines').where('opportunityId', 'in', ids).execute().then(() => undefined)
