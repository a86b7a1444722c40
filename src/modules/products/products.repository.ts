import { sql, type Insertable, type Updateable } from 'kysely'
import type { Executor } from '../../db/database'
import { afterCondition, orderBy, type Keyset } from '../../db/keyset'
import { textMatch } from '../../db/text-search'
import type { ProductsTable } from './products.table'

const columns = ['id', 'sku', 'name', 'description', 'unitPrice', 'currency', 'taxRate', 'active', 'createdAt', 'updatedAt', 'createdBy', 'version', 'deletedAt'] as const

export const findProductById = (db: Executor, id: string) => db.selectFrom('products').select(columns).where('id', '=', id).executeTakeFirst()

export const lockProduct = (db: Executor, id: string) => db.selectFrom('products').select(columns).where('id', '=', id).forUpdate().executeTakeFirst()

/** Products by id, deleted ones too: a line keeps pointing at a product deleted after it was quoted. */
export const findProductsByIds = (db: Executor, ids: string[]) =>
  ids.length ? db.selectFrom('products').select(columns).where('id', 'in', ids).execute() : Promise.resolve([])

/** The live product with this SKU (case-insensitive), other than `exceptId`. */
export const findLiveBySku = (db: Executor, sku: string, exceptId?: string) => {
  let q = db.selectFrom('products').select(['id']).where(sql<boolean>`lower(sku) = lower(${sku})`).where('deletedAt', 'is', null)
  if (exceptId) q = q.where('id', '!=', exceptId)
  return q.executeTakeFirst()
}

export const insertProduct = (db: Executor, row: Insertable<ProductsTable>) => db.insertInto('products').values(row).execute()

export const updateProduct = (db: Executor, id: string, patch: Updateable<ProductsTable>) =>
  db.updateTable('products').set({ ...patch, updatedAt: sql`now()`, version: sql`version + 1` }).where('id', '=', id).execute()

export const purgeProduct = (db: Executor, id: string) => db.deleteFrom('products').where('id', '=', id).execute()

export interface ProductFilter {
  deleted: boolean
  active?: boolean
  currency?: string
  q?: string
  keyset: Keyset
  limit: number
}

export function listProducts(db: Executor, f: ProductFilter) {
  let q = db.selectFrom('products as p').select(columns.map((c) => `p.${c}` as const))
  q = f.deleted ? q.where('p.deletedAt', 'is not', null) : q.where('p.deletedAt', 'is', null)
  if (f.active !== undefined) q = q.where('p.active', '=', f.active)
  if (f.currency) q = q.where('p.currency', '=', f.currency)
  if (f.q) q = q.where(textMatch('p.search_text', f.q, 'products'))
  const after = afterCondition(f.keyset, 'p.id')
  if (after) q = q.where(after)
  return q.orderBy(orderBy(f.keyset, 'p.id')).limit(f.limit + 1).execute()
}

export type ProductRow = NonNullable<Awaited<ReturnType<typeof findProductById>>>
