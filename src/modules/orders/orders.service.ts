import type { Db, Executor } from '../../db/database'
import { finishPage, parseKeyset } from '../../db/keyset'
import { changedFields, type FieldChanges } from '../../lib/diff'
import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import { normalizeSearchTerm } from '../../lib/text'
import { AppError } from '../../server/errors'
import { assertAccess, scopeFor } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import type { CustomerDependent } from '../customers/customers.service'
import { moneyOut } from '../opportunities/opportunities.money'
import { formatNumber, toLine, today } from '../quotes/quotes.model'
import { companyZone } from '../company/company.service'
import type { DocumentLineColumns, QuotesTable } from '../quotes/quotes.table'
import * as repo from './orders.repository'
import type { Order, OrderListQuery, OrderUpdate } from './orders.schema'
import type { OrderStatus } from './orders.table'

const FLOW: OrderStatus[] = ['pending', 'confirmed', 'shipped', 'delivered']

/** Forward along the flow (steps may be skipped: a small shop confirms and ships at once), or cancel before shipping. */
export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  if (from === to) return true
  if (to === 'cancelled') return from === 'pending' || from === 'confirmed'
  const a = FLOW.indexOf(from)
  const b = FLOW.indexOf(to)
  return a >= 0 && b > a
}

export const toOrder = (r: repo.OrderRow, lines: repo.OrderLineRow[]): Order => ({
  id: r.id,
  number: r.number,
  quoteId: r.quoteId,
  quoteNumber: r.quoteNumber,
  quoteRevision: r.quoteRevision,
  opportunityId: r.opportunityId,
  opportunityName: r.opportunityName,
  customerId: r.customerId,
  customerName: r.customerName,
  contactId: r.contactId,
  contactName: r.contactName,
  ownerId: r.ownerId,
  ownerName: r.ownerName,
  teamId: r.teamId,
  status: r.status,
  currency: r.currency,
  lines: lines.map((l) => toLine(l, r.currency)),
  subtotal: moneyOut(r.subtotal, r.currency),
  discountTotal: moneyOut(r.discountTotal, r.currency),
  taxTotal: moneyOut(r.taxTotal, r.currency),
  total: moneyOut(r.total, r.currency),
  orderedAt: iso(r.orderedAt),
  shipDate: r.shipDate,
  deliveredAt: r.deliveredAt ? iso(r.deliveredAt) : null,
  cancelledAt: r.cancelledAt ? iso(r.cancelledAt) : null,
  notes: r.notes,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  createdBy: r.createdBy,
  version: r.version,
  deletedAt: r.deletedAt ? iso(r.deletedAt) : null,
})

const sortKeys = {
  createdAt: { column: 's.created_at', type: 'timestamptz' as const },
  updatedAt: { column: 's.updated_at', type: 'timestamptz' as const },
  orderedAt: { column: 's.ordered_at', type: 'timestamptz' as const },
  number: { column: 's.number', type: 'text' as const },
  total: { column: 's.total', type: 'numeric' as const },
  shipDate: { column: `coalesce(s.ship_date, '9999-12-31'::date)`, type: 'date' as const },
}
const sortValue = (sort: string) => (r: repo.OrderRow): string => {
  switch (sort.replace(/^-/, '')) {
    case 'updatedAt': return r.updatedAt.toISOString()
    case 'orderedAt': return r.orderedAt.toISOString()
    case 'number': return r.number
    case 'total': return r.total
    case 'shipDate': return r.shipDate ?? '9999-12-31'
    default: return r.createdAt.toISOString()
  }
}

/** What an accepted quote hands over to become an order. */
export interface OrderFromQuote {
  quote: Pick<QuotesTable, 'id' | 'opportunityId' | 'customerId' | 'contactId' | 'ownerId' | 'teamId' | 'currency' | 'subtotal' | 'discountTotal' | 'taxTotal' | 'total' | 'notes'>
  lines: Omit<DocumentLineColumns, 'id'>[]
}

export function createOrderService({ db }: { db: Db }) {
  async function visible(ctx: RequestContext, id: string, access: 'read' | 'write', trx: Executor = db) {
    const row = access === 'write' ? await repo.lockOrder(trx, id) : await repo.findOrderById(trx, id)
    if (!row || row.deletedAt) throw new AppError('ORDER_NOT_FOUND')
    assertAccess(ctx.actor, row, access, 'ORDER_NOT_FOUND')
    return row
  }
  const load = async (trx: Executor, id: string) => toOrder((await repo.findOrderById(trx, id))!, await repo.linesOf(trx, [id]))

  const dependent: CustomerDependent = {
    name: 'orders',
    async moveToCustomer(trx, ctx, sourceId, targetId) {
      const moved = await repo.moveToCustomer(trx, sourceId, targetId)
      await recordAudit(trx, ctx, moved.map((r) => ({ action: 'update', entity: 'order', entityId: r.id, changes: { customerId: { before: sourceId, after: targetId } } })))
      return moved.length
    },
    purgeForCustomer: async (trx, customerId) => {
      await repo.purgeOrders(trx, await repo.idsOfCustomer(trx, customerId))
    },
  }

  return {
    /** Records follow their owner into a new team (users.service.ts). */
    teamFollower: { entity: 'order', move: (trx: Executor, ownerId: string, teamId: string | null) => repo.moveOwnerTeam(trx, ownerId, teamId) },
    visible,
    dependent,

    /** Inside the accepting transaction: number SO-YYYY-NNNN from the counter row, lines copied as quoted. */
    async createFromQuote(trx: Executor, ctx: RequestContext, from: OrderFromQuote, nextNumber: (kind: string, year: number) => Promise<number>): Promise<Order> {
      const year = new Date().getUTCFullYear()
      const id = newId()
      const q = from.quote
      await repo.insertOrder(trx, {
        id, number: formatNumber('SO', year, await nextNumber('order', year)), quoteId: q.id, opportunityId: q.opportunityId, customerId: q.customerId,
        contactId: q.contactId, ownerId: q.ownerId, teamId: q.teamId, status: 'pending', currency: q.currency, subtotal: q.subtotal,
        discountTotal: q.discountTotal, taxTotal: q.taxTotal, total: q.total, shipDate: null, deliveredAt: null, cancelledAt: null,
        notes: q.notes, createdBy: ctx.actor.userId, deletedAt: null,
      })
      await repo.insertLines(trx, from.lines.map((l) => ({ ...l, id: newId(), orderId: id })))
      const order = await load(trx, id)
      await recordAudit(trx, ctx, [{ action: 'create', entity: 'order', entityId: id, changes: { number: order.number, quoteId: q.id, status: 'pending', total: order.total, currency: order.currency } }])
      return order
    },

    async list(ctx: RequestContext, query: OrderListQuery) {
      const sort = query.sort ?? '-createdAt'
      const keyset = parseKeyset(sortKeys, sort, query.cursor)
      const rows = await repo.listOrders(db, {
        scope: scopeFor(ctx.actor, 'read'), status: query.status, customerId: query.customerId, opportunityId: query.opportunityId,
        quoteId: query.quoteId, ownerId: query.ownerId, q: query.q ? normalizeSearchTerm(query.q) : undefined, keyset, limit: query.limit,
      })
      const page = finishPage(rows, query.limit, keyset, sortValue(sort))
      const lines = await repo.linesOf(db, page.rows.map((r) => r.id))
      return { items: page.rows.map((r) => toOrder(r, lines.filter((l) => l.orderId === r.id))), nextCursor: page.nextCursor }
    },

    async get(ctx: RequestContext, id: string) {
      const row = await visible(ctx, id, 'read')
      return toOrder(row, await repo.linesOf(db, [id]))
    },

    /** Status along the flow (409 otherwise), ship date and notes. */
    async update(ctx: RequestContext, id: string, input: OrderUpdate): Promise<Order> {
      return db.transaction().execute(async (trx) => {
        const row = await visible(ctx, id, 'write', trx)
        const current = toOrder(row, await repo.linesOf(trx, [id]))
        if (row.version !== input.version) throw new AppError('VERSION_CONFLICT', 'This order was changed by someone else since you loaded it', { current })
        const patch: Partial<Pick<Order, 'status' | 'shipDate' | 'notes'>> & { deliveredAt?: Date; cancelledAt?: Date } = {}
        const to = input.status ?? row.status
        if (!canMove(row.status, to)) throw new AppError('ORDER_STATUS_CONFLICT', `An order that is ${row.status} cannot become ${to}`, { current })
        if (to !== row.status) {
          patch.status = to
          if (to === 'delivered') patch.deliveredAt = new Date()
          if (to === 'cancelled') patch.cancelledAt = new Date()
        }
        if (input.shipDate !== undefined) {
          if (row.status === 'cancelled' || to === 'cancelled') throw new AppError('ORDER_STATUS_CONFLICT', 'A cancelled order is not shipped', { current })
          if (input.shipDate === null && (to === 'shipped' || to === 'delivered')) {
            throw new AppError('VALIDATION_FAILED', 'shipDate: a shipped order has a ship date', { errors: [{ path: 'shipDate', message: 'A shipped order has a ship date' }] })
          }
          patch.shipDate = input.shipDate
        } else if ((to === 'shipped' || to === 'delivered') && !row.shipDate) {
          patch.shipDate = today(await companyZone(trx))
        }
        if (input.notes !== undefined) patch.notes = input.notes
        const changes: FieldChanges = changedFields({ status: current.status, shipDate: current.shipDate, notes: current.notes }, { status: patch.status, shipDate: patch.shipDate, notes: patch.notes })
        if (!Object.keys(changes).length) return current
        await repo.updateOrder(trx, id, patch)
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'order', entityId: id, changes }])
        return load(trx, id)
      })
    },
  }
}

export type OrderService = ReturnType<typeof createOrderService>
