import type { Db, Executor } from '../../db/database'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { changedFields, type FieldChanges } from '../../lib/diff'
import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import { AppError, fieldError } from '../../server/errors'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import type { CustomerService } from '../customers/customers.service'
import type { ContactService } from '../contacts/contacts.service'
import type { EncryptionService } from '../encryption/encryption.service'
import type { TicketAssignment } from './tickets.assign'
import type { TicketMail } from './tickets.mail'
import { assertTicketAccess, toTicket } from './tickets.model'
import * as repo from './tickets.repository'
import type { Ticket } from './tickets.schema'
import { dueTimes, readSla } from './tickets.sla'
import type { TicketsTable } from './tickets.table'
import type { Insertable, Updateable } from 'kysely'

export interface TicketDeps {
  db: Db
  customers: CustomerService
  contacts: ContactService
  assignment: TicketAssignment
  /** The order an after-sales ticket is about (visibility as the orders module rules it). */
  orders?: { visible(ctx: RequestContext, id: string, access: 'read', trx?: Executor): Promise<{ customerId: string }> }
  products?: { byIds(trx: Executor, ids: string[]): Promise<{ id: string; deletedAt: Date | null }[]> }
  defaultRegion: string
  /** Seals the fields an admin chose to encrypt (description, resolution, comments) and opens them. */
  encryption: EncryptionService
  /** The clock; tests move it to check deadlines. */
  now?: () => Date
  /** Mail to the requester (acknowledgement, public replies, resolution and survey); absent, nothing is mailed. */
  mail?: TicketMail
}

/** Who acts: a signed-in user, or nobody (the public form). */
export type Acting = Pick<RequestContext, 'requestId' | 'ip'> & { actor: RequestContext['actor'] | null }

export interface TicketEventInput {
  kind: 'created' | 'status' | 'assigned' | 'priority' | 'customer' | 'satisfaction' | 'deleted' | 'restored'
  before?: unknown
  after?: unknown
}

/** Keyset position (at, id) in a cursor of this kind; a forged one is a 400. */
export function positionOf(cursor: string | undefined, kind: string): { at: Date; id: string } | null {
  if (!cursor) return null
  const c = decodeCursor(cursor, kind)
  const at = c?.v ? new Date(c.v) : null
  if (!c || !at || Number.isNaN(at.getTime()) || at.toISOString() !== c.v) {
    throw new AppError('VALIDATION_FAILED', 'cursor: invalid', { errors: [{ path: 'cursor', message: 'Invalid cursor' }] })
  }
  return { at, id: c.id }
}

export function pageAfter<R extends { id: string }>(rows: R[], limit: number, kind: string, at: (r: R) => Date) {
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return { page, nextCursor: rows.length > limit && last ? encodeCursor({ s: kind, v: iso(at(last)), id: last.id }) : null }
}

/** What every ticket verb shares: visibility, presentation, the process log, the insert. */
export function createTicketCore(deps: TicketDeps) {
  const { db } = deps
  const now = deps.now ?? (() => new Date())

  async function present(trx: Executor, rows: repo.TicketRow[]): Promise<Ticket[]> {
    const { soonMinutes } = await readSla(trx)
    const t = now()
    return (await deps.encryption.openRows('tickets', rows, trx)).map((r) => toTicket(r, t, soonMinutes))
  }

  async function reload(trx: Executor, id: string): Promise<Ticket> {
    return (await present(trx, [(await repo.findTicketById(trx, id))!]))[0]!
  }

  /** The ticket if the caller may see it (404 otherwise) — and work on it, for `write` (403). */
  async function visible(ctx: RequestContext, id: string, access: 'read' | 'write', trx: Executor = db, opts: { deleted?: boolean } = {}) {
    const row = access === 'write' ? await repo.lockTicket(trx, id) : await repo.findTicketById(trx, id)
    if (!row || (!opts.deleted && row.deletedAt)) throw new AppError('TICKET_NOT_FOUND')
    assertTicketAccess(ctx.actor, row, access)
    if (opts.deleted && !row.deletedAt) throw new AppError('NOT_DELETED', 'This ticket is not deleted')
    return deps.encryption.openRow('tickets', row.id, row, trx)
  }

  /** A change as stored: chosen fields sealed in the row and in its audit. */
  async function update(trx: Executor, ctx: Acting, id: string, patch: Updateable<TicketsTable>, changes: FieldChanges) {
    await repo.updateTicket(trx, id, await deps.encryption.sealRow('tickets', id, patch, trx))
    await recordAudit(trx, ctx, [{ action: 'update', entity: 'ticket', entityId: id, changes: await deps.encryption.sealChanges('tickets', id, changes, trx) }])
  }

  async function logEvents(trx: Executor, ticketId: string, actorId: string | null, events: TicketEventInput[]) {
    const at = now()
    await repo.insertEvents(trx, events.map((e, i) => ({
      id: newId(),
      ticketId,
      kind: e.kind,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      actorId,
      // Several events of one change keep their order.
      at: new Date(at.getTime() + i),
    })))
  }

  /**
   * The customer and contact a ticket points at, checked against what the caller may see. A
   * contact alone brings its customer; a contact of another customer is refused.
   */
  async function link(ctx: RequestContext, trx: Executor, customerId: string | null, contactId: string | null) {
    let contactCustomer: string | null = null
    if (contactId) {
      try {
        contactCustomer = (await deps.contacts.visible(ctx, contactId, 'read', trx)).customerId
      } catch (e) {
        if (e instanceof AppError && e.code === 'CONTACT_NOT_FOUND') throw fieldError('contactId', 'No such contact')
        throw e
      }
      if (customerId && contactCustomer !== customerId) throw fieldError('contactId', 'This contact belongs to another customer')
    }
    const cid = customerId ?? contactCustomer
    if (!cid) return { customerId: null, contactId: null, customerTeamId: null }
    try {
      const c = await deps.customers.visible(ctx, cid, 'read', trx)
      return { customerId: cid, contactId, customerTeamId: c.teamId }
    } catch (e) {
      if (e instanceof AppError && e.code === 'CUSTOMER_NOT_FOUND') throw fieldError('customerId', 'No such customer')
      throw e
    }
  }

  /**
   * The order a ticket is about: it must be visible to the caller and belong to the ticket's
   * customer; a ticket without a customer takes the order's. Returns the customer to use.
   */
  async function order(ctx: RequestContext, trx: Executor, orderId: string | null | undefined, customerId: string | null): Promise<string | null> {
    if (!orderId) return customerId
    if (!deps.orders) throw fieldError('orderId', 'Orders are not available')
    let o: { customerId: string }
    try {
      o = await deps.orders.visible(ctx, orderId, 'read', trx)
    } catch (e) {
      if (e instanceof AppError && e.status === 404) throw fieldError('orderId', 'No such order')
      throw e
    }
    if (customerId && o.customerId !== customerId) throw fieldError('orderId', 'This order belongs to another customer')
    return o.customerId
  }

  async function product(trx: Executor, productId: string | null | undefined) {
    if (!productId) return
    const [p] = deps.products ? await deps.products.byIds(trx, [productId]) : []
    if (!p || p.deletedAt) throw fieldError('productId', 'No such product')
  }

  /** Numbers, stamps the SLA deadlines from the stored creation time, logs and audits a new ticket. */
  async function insert(trx: Executor, ctx: Acting, row: Omit<Insertable<TicketsTable>, 'id' | 'number' | 'createdAt' | 'firstResponseDueAt' | 'resolutionDueAt'>, automatic: boolean) {
    const id = newId()
    const createdAt = now()
    const dues = dueTimes(await readSla(trx), createdAt, row.priority)
    const number = await repo.nextTicketNumber(trx)
    await repo.insertTicket(trx, await deps.encryption.sealRow('tickets', id, { ...row, ...dues, id, number, createdAt, updatedAt: createdAt }, trx))
    const created = await reload(trx, id)
    const events: TicketEventInput[] = [{ kind: 'created', after: { status: created.status, channel: created.channel } }]
    if (created.assigneeId) events.push({ kind: 'assigned', before: null, after: { assigneeId: created.assigneeId, name: created.assigneeName, automatic } })
    await logEvents(trx, id, ctx.actor?.userId ?? null, events)
    const {
      id: _i, createdAt: _c, updatedAt: _u, version: _v, createdBy: _b, assigneeName: _a, customerName: _n, deletedAt: _d,
      nextDueAt: _nd, slaPausedAt: _p, firstResponseBreached: _f, resolutionBreached: _r, breachSoon: _s, ...fields
    } = created
    const changes = await deps.encryption.sealChanges('tickets', id, changedFields({}, fields), trx)
    await recordAudit(trx, ctx, [{ action: 'create', entity: 'ticket', entityId: id, changes }])
    return created
  }

  return { db, now, present, reload, visible, update, logEvents, link, order, product, insert, encryption: deps.encryption, mail: deps.mail }
}

export type TicketCore = ReturnType<typeof createTicketCore>
