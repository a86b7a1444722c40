import type { Db, Executor } from '../../db/database'
import { finishPage, parseKeyset } from '../../db/keyset'
import { changedFields } from '../../lib/diff'
import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import { normalizeSearchTerm } from '../../lib/text'
import { AppError, fieldError } from '../../server/errors'
import { assertRole } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import { companyLocale } from '../company/company.service'
import { assertAmountFits, moneyOut, plain } from '../opportunities/opportunities.money'
import * as repo from './products.repository'
import type { Product, ProductCreate, ProductListQuery, ProductUpdate } from './products.schema'

const sortKeys = {
  name: { column: 'p.name', type: 'text' as const },
  sku: { column: 'p.sku', type: 'text' as const },
  createdAt: { column: 'p.created_at', type: 'timestamptz' as const },
  updatedAt: { column: 'p.updated_at', type: 'timestamptz' as const },
  unitPrice: { column: 'p.unit_price', type: 'numeric' as const },
}
const deletedSortKeys = { deletedAt: { column: 'p.deleted_at', type: 'timestamptz' as const } }

const sortValue = (sort: string) => (r: repo.ProductRow): string => {
  switch (sort.replace(/^-/, '')) {
    case 'name': return r.name
    case 'sku': return r.sku
    case 'updatedAt': return r.updatedAt.toISOString()
    case 'deletedAt': return r.deletedAt!.toISOString()
    case 'unitPrice': return r.unitPrice
    default: return r.createdAt.toISOString()
  }
}

export const toProduct = (r: repo.ProductRow): Product => ({
  id: r.id,
  sku: r.sku,
  name: r.name,
  description: r.description,
  unitPrice: moneyOut(r.unitPrice, r.currency),
  currency: r.currency,
  taxRate: plain(r.taxRate),
  active: r.active,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  createdBy: r.createdBy,
  version: r.version,
  deletedAt: r.deletedAt ? iso(r.deletedAt) : null,
})

/** The catalog is shared by everyone: all roles read it, admins and managers keep it. */
const assertCatalogWriter = (ctx: RequestContext) => assertRole(ctx.actor, 'admin', 'manager')

export function createProductService({ db }: { db: Db }) {
  async function assertSkuFree(trx: Executor, sku: string, exceptId?: string) {
    if (await repo.findLiveBySku(trx, sku, exceptId)) throw new AppError('SKU_TAKEN', `Another product has the SKU ${sku}`, { errors: [{ path: 'sku', message: 'Another product has this SKU' }] })
  }

  async function found(trx: Executor, id: string, opts: { lock?: boolean; deleted?: boolean } = {}) {
    const row = opts.lock ? await repo.lockProduct(trx, id) : await repo.findProductById(trx, id)
    if (!row || (!opts.deleted && row.deletedAt)) throw new AppError('PRODUCT_NOT_FOUND')
    if (opts.deleted && !row.deletedAt) throw new AppError('NOT_DELETED', 'This product is not deleted')
    return row
  }

  return {
    /** Products by id for line snapshots (deleted ones included: a quote may name one). */
    byIds: (trx: Executor, ids: string[]) => repo.findProductsByIds(trx, [...new Set(ids)]),

    async list(_ctx: RequestContext, query: ProductListQuery) {
      const deleted = query.deleted ?? false
      const sort = query.sort ?? (deleted ? '-deletedAt' : 'name')
      const keyset = parseKeyset(deleted ? deletedSortKeys : sortKeys, sort, query.cursor)
      const rows = await repo.listProducts(db, {
        deleted, active: query.active, currency: query.currency, q: query.q ? normalizeSearchTerm(query.q) : undefined, keyset, limit: query.limit,
      })
      const page = finishPage(rows, query.limit, keyset, sortValue(sort))
      return { items: page.rows.map(toProduct), nextCursor: page.nextCursor }
    },

    async get(_ctx: RequestContext, id: string) {
      return toProduct(await found(db, id))
    },

    async create(ctx: RequestContext, input: ProductCreate): Promise<Product> {
      assertCatalogWriter(ctx)
      const unitPrice = input.unitPrice ?? '0'
      return db.transaction().execute(async (trx) => {
        const currency = input.currency ?? (await companyLocale(trx)).currency
        assertAmountFits(unitPrice, currency, 'unitPrice')
        await assertSkuFree(trx, input.sku)
        const id = newId()
        await repo.insertProduct(trx, {
          id, sku: input.sku, name: input.name, description: input.description ?? null, unitPrice, currency,
          taxRate: input.taxRate ?? '0', active: input.active ?? true, createdBy: ctx.actor.userId, deletedAt: null,
        })
        const created = toProduct((await repo.findProductById(trx, id))!)
        const { id: _i, createdAt: _c, updatedAt: _u, version: _v, createdBy: _b, deletedAt: _d, ...fields } = created
        await recordAudit(trx, ctx, [{ action: 'create', entity: 'product', entityId: id, changes: changedFields({}, fields) }])
        return created
      })
    },

    async update(ctx: RequestContext, id: string, input: ProductUpdate): Promise<Product> {
      assertCatalogWriter(ctx)
      return db.transaction().execute(async (trx) => {
        const current = toProduct(await found(trx, id, { lock: true }))
        if (current.version !== input.version) throw new AppError('VERSION_CONFLICT', 'This product was changed by someone else since you loaded it', { current })
        const { version: _v, ...rest } = input
        const patch: Partial<Product> = { ...rest }
        const currency = patch.currency ?? current.currency
        if (patch.unitPrice !== undefined || patch.currency !== undefined) assertAmountFits(patch.unitPrice ?? current.unitPrice, currency, 'unitPrice')
        // Compare numbers as numbers: "13" and "13.00" are the same rate.
        if (patch.unitPrice !== undefined) patch.unitPrice = moneyOut(patch.unitPrice, currency)
        if (patch.taxRate !== undefined) patch.taxRate = plain(patch.taxRate)
        const changes = changedFields(current, patch)
        if (changes.sku) await assertSkuFree(trx, patch.sku!, id)
        if (!Object.keys(changes).length) return current
        await repo.updateProduct(trx, id, Object.fromEntries(Object.keys(changes).map((k) => [k, patch[k as keyof Product]])))
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'product', entityId: id, changes }])
        return toProduct((await repo.findProductById(trx, id))!)
      })
    },

    /** Soft delete keeps the row, so quote and order lines still name it; purge unlinks them (their snapshot stays). */
    async remove(ctx: RequestContext, id: string, purge: boolean): Promise<void> {
      assertCatalogWriter(ctx)
      if (purge) assertRole(ctx.actor, 'admin')
      await db.transaction().execute(async (trx) => {
        const row = purge ? await repo.lockProduct(trx, id) : await found(trx, id, { lock: true })
        if (!row) throw new AppError('PRODUCT_NOT_FOUND')
        if (purge) {
          await repo.purgeProduct(trx, id)
          await recordAudit(trx, ctx, [{ action: 'purge', entity: 'product', entityId: id, changes: { sku: row.sku, name: row.name } }])
          return
        }
        await repo.updateProduct(trx, id, { deletedAt: new Date() })
        await recordAudit(trx, ctx, [{ action: 'delete', entity: 'product', entityId: id }])
      })
    },

    async restore(ctx: RequestContext, id: string): Promise<Product> {
      assertCatalogWriter(ctx)
      return db.transaction().execute(async (trx) => {
        const row = await found(trx, id, { lock: true, deleted: true })
        await assertSkuFree(trx, row.sku, id)
        await repo.updateProduct(trx, id, { deletedAt: null })
        await recordAudit(trx, ctx, [{ action: 'restore', entity: 'product', entityId: id }])
        return toProduct((await repo.findProductById(trx, id))!)
      })
    },
  }
}

export type ProductService = ReturnType<typeof createProductService>
