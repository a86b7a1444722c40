import { sql, type Insertable, type Updateable } from 'kysely'
import type { Executor } from '../../db/database'
import { afterCondition, orderBy, type Keyset } from '../../db/keyset'
import { scopeCondition } from '../../db/scope'
import { textMatch } from '../../db/text-search'
import type { Scope } from '../../server/permissions'
import type { OrderLinesTable, OrdersTable, OrderStatus } from './orders.table'
import { moveOwnedToTeam } from '../../db/owner-team'

const columns = [
  's.id', 's.number', 's.quoteId', 's.opportunityId', 's.customerId', 's.contactId', 's.ownerId', 's.teamId', 's.status', 's.currency',
  's.subtotal', 's.discountTotal', 's.taxTotal', 's.total', 's.orderedAt', 's.shipDate', 's.deliveredAt', 's.cancelledAt', 's.notes',
  's.createdAt', 's.updatedAt', 's.createdBy', 's.version', 's.deletedAt',
] as const

const base = (db: Executor) =>
  db
    .selectFrom('orders as s')
    .innerJoin('customers as c', 'c.id', 's.customerId')
    .leftJoin('quotes as q', 'q.id', 's.quoteId')
    .leftJoin('opportunities as o', 'o.id', 's.opportunityId')
    .leftJoin('contacts as k', 'k.id', 's.contactId')
    .leftJoin('users as u', 'u.id', 's.ownerId')
    .select(columns)
    .select(['c.name as customerName', 'q.number as quoteNumber', 'q.revision as quoteRevision', 'o.name as opportunityName', 'k.name as contactName', 'u.name as ownerName'])

export const findOrderById = (db: Executor, id: string) => base(db).where('s.id', '=', id).executeTakeFirst()

export const lockOrder = async (db: Executor, id: string) => {
  await db.selectFrom('orders').select('id').where('id', '=', id).forUpdate().execute()
  return findOrderById(db, id)
}

export const insertOrder = (db: Executor, row: Insertable<OrdersTable>) => db.insertInto('orders').values(row).execute()

export const updateOrder = (db: Executor, id: string, patch: Updateable<OrdersTable>) =>
  db.updateTable('orders').set({ ...patch, updatedAt: sql`now()`, version: sql`version + 1` }).where('id', '=', id).execute()

export const insertLines = (db: Executor, rows: Insertable<OrderLinesTable>[]) => (rows.length ? db.insertInto('orderLines').values(rows).execute() : Promise.resolve([]))

export const linesOf = (db: Executor, orderIds: string[]) =>
  orderIds.length
    ? db
        .selectFrom('orderLines')
        .select(['id', 'orderId', 'position', 'productId', 'sku', 'description', 'quantity', 'unitPrice', 'discountPercent', 'taxRate', 'amount', 'taxAmount'])
        .where('orderId', 'in', orderIds)
        .orderBy('orderId')
        .orderBy('position')
        .execute()
    : Promise.resolve([])

export const idsOfCustomer = async (db: Executor, customerId: string) =>
  (await db.selectFrom('orders').select('id').where('customerId', '=', customerId).execute()).map((r) => r.id)

export const purgeOrders = (db: Executor, ids: string[]) => (ids.length ? db.deleteFrom('orders').where('id', 'in', ids).execute() : Promise.resolve([]))

export const moveToCustomer = (db: Executor, fromId: string, toId: string) =>
  db.updateTable('orders').set({ customerId: toId, updatedAt: sql`now()`, version: sql`version + 1` }).where('customerId', '=', fromId).returning('id').execute()

export interface OrderFilter {
  scope: Scope
  status?: OrderStatus
  customerId?: string
  opportunityId?: string
  quoteId?: string
  ownerId?: string
  q?: string
  keyset: Keyset
  limit: number
}

export async function listOrders(db: Executor, f: OrderFilter) {
  let q = base(db).where('s.deletedAt', 'is', null)
  const scope = scopeCondition(f.scope, 's')
  if (scope) q = q.where(scope)
  if (f.status) q = q.where('s.status', '=', f.status)
  if (f.customerId) q = q.where('s.customerId', '=', f.customerId)
  if (f.opportunityId) q = q.where('s.opportunityId', '=', f.opportunityId)
  if (f.quoteId) q = q.where('s.quoteId', '=', f.quoteId)
  if (f.ownerId) q = q.where('s.ownerId', '=', f.ownerId)
  if (f.q) q = q.where(textMatch('s.search_text', f.q))
  const after = afterCondition(f.keyset, 's.id')
  if (after) q = q.where(after)
  return q.orderBy(orderBy(f.keyset, 's.id')).limit(f.limit + 1).execute()
}

export type OrderRow = NonNullable<Awaited<ReturnType<typeof findOrderById>>>
export type OrderLineRow = Awaited<ReturnType<typeof linesOf>>[number]

/** A user who changes team takes his orders with him. */
export const moveOwnerTeam = (db: Executor, ownerId: string, teamId: string | null) => moveOwnedToTeam(db, 'orders', ownerId, teamId)
