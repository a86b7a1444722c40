import { sql, type Insertable, type Updateable } from 'kysely'
import type { Executor } from '../../db/database'
import { afterCondition, orderBy, type Keyset } from '../../db/keyset'
import { dayRange } from '../../db/day-range'
import { scopeCondition } from '../../db/scope'
import { textMatch } from '../../db/text-search'
import type { Scope } from '../../server/permissions'
import type { TicketCommentsTable, TicketEventsTable, TicketsTable, TicketStatus } from './tickets.table'

const columns = [
  't.id', 't.number', 't.type', 't.subject', 't.description', 't.channel', 't.priority', 't.status', 't.customerId',
  't.contactId', 't.orderId', 't.productId', 't.contactName', 't.contactEmail', 't.contactPhone', 't.requesterVerified', 't.expectedResolution',
  't.resolution', 't.satisfaction', 't.satisfactionComment', 't.satisfactionAt', 't.language', 't.assigneeId', 't.firstResponseDueAt', 't.resolutionDueAt',
  't.firstRespondedAt', 't.resolvedAt', 't.closedAt', 't.lastCustomerReplyAt', 't.slaPausedAt', 't.slaPausedMs', 't.createdAt', 't.updatedAt', 't.createdBy',
  't.version', 't.deletedAt', 't.dueSort',
] as const

/** The ticket with what visibility needs: its customer's owner and team (sales see their customers' tickets). */
const base = (db: Executor) =>
  db
    .selectFrom('tickets as t')
    .leftJoin('customers as c', 'c.id', 't.customerId')
    .leftJoin('users as a', 'a.id', 't.assigneeId')
    .select(columns)
    .select(['c.name as customerName', 'c.ownerId as customerOwnerId', 'c.teamId as customerTeamId', 'a.name as assigneeName'])

export const findTicketById = (db: Executor, id: string) => base(db).where('t.id', '=', id).executeTakeFirst()

/** Locks the ticket row (not its customer) for the rest of the service's transaction. */
export const lockTicket = (db: Executor, id: string) => base(db).where('t.id', '=', id).forUpdate('t').executeTakeFirst()

export const findTicketsByIds = (db: Executor, ids: string[]) =>
  ids.length ? base(db).where('t.id', 'in', ids).execute() : Promise.resolve([])

export async function nextTicketNumber(db: Executor): Promise<string> {
  const { rows } = await sql<{ n: number }>`SELECT nextval('ticket_number_seq')::int8 AS n`.execute(db)
  return `T-${String(rows[0]!.n).padStart(6, '0')}`
}

export const insertTicket = (db: Executor, row: Insertable<TicketsTable>) =>
  db.insertInto('tickets').values(row).returning('id').executeTakeFirstOrThrow()

export const updateTicket = (db: Executor, id: string, patch: Updateable<TicketsTable>) =>
  db
    .updateTable('tickets')
    .set({ ...patch, updatedAt: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .execute()

export async function purgeTicket(db: Executor, id: string) {
  await db.deleteFrom('ticketComments').where('ticketId', '=', id).execute()
  await db.deleteFrom('ticketEvents').where('ticketId', '=', id).execute()
  await db.deleteFrom('tickets').where('id', '=', id).execute()
}

/** A merged customer's tickets follow it into the surviving customer. */
export async function moveTicketsToCustomer(db: Executor, fromId: string, toId: string): Promise<number> {
  const r = await db.updateTable('tickets').set({ customerId: toId }).where('customerId', '=', fromId).executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/** A purged customer's tickets stay (the service record and its caller details), unlinked. */
export const detachTicketsFromCustomer = (db: Executor, customerId: string) =>
  db.updateTable('tickets').set({ customerId: null, contactId: null }).where('customerId', '=', customerId).execute()

export interface TicketFilter {
  /** Applied to the ticket's customer: null = every ticket. */
  scope: Scope
  deleted: boolean
  status?: TicketStatus[]
  priority?: string
  type?: string
  channel?: string
  customerId?: string
  contactId?: string
  orderId?: string
  assigneeId?: string | 'unassigned'
  breach?: { kind: 'soon' | 'breached' | 'at_risk'; now: Date; soonUntil: Date }
  assigneeTeamId?: string
  /** Created within these calendar days of tz. */
  created?: { from?: string; to?: string; tz: string }
  q?: string
}

const ACTIVE: TicketStatus[] = ['new', 'open', 'pending']
const TICKET_NUMBER = /^t-\d{6,}$/i

export async function listTickets(db: Executor, f: TicketFilter & { keyset: Keyset; limit: number }) {
  let q = base(db)
  q = f.deleted ? q.where('t.deletedAt', 'is not', null) : q.where('t.deletedAt', 'is', null)
  const scope = scopeCondition(f.scope, 'c')
  if (scope) q = q.where(scope)
  if (f.status) q = q.where('t.status', 'in', f.status)
  if (f.priority) q = q.where('t.priority', '=', f.priority as 'normal')
  if (f.type) q = q.where('t.type', '=', f.type as 'inquiry')
  if (f.channel) q = q.where('t.channel', '=', f.channel as 'web')
  if (f.customerId) q = q.where('t.customerId', '=', f.customerId)
  if (f.contactId) q = q.where('t.contactId', '=', f.contactId)
  if (f.orderId) q = q.where('t.orderId', '=', f.orderId)
  if (f.assigneeId === 'unassigned') q = q.where('t.assigneeId', 'is', null)
  else if (f.assigneeId) q = q.where('t.assigneeId', '=', f.assigneeId)
  if (f.assigneeTeamId) q = q.where(sql<boolean>`t.assignee_id IN (SELECT id FROM users WHERE team_id = ${f.assigneeTeamId}::uuid)`)
  if (f.created) q = q.where(dayRange('t.created_at', f.created))
  // due_sort is the next deadline of an unfinished ticket (year 9999 when none): one index range.
  if (f.breach?.kind === 'breached') q = q.where('t.dueSort', '<', f.breach.now).where('t.status', 'in', ACTIVE)
  if (f.breach?.kind === 'soon') q = q.where('t.dueSort', '>=', f.breach.now).where('t.dueSort', '<', f.breach.soonUntil).where('t.status', 'in', ACTIVE)
  if (f.breach?.kind === 'at_risk') q = q.where('t.dueSort', '<', f.breach.soonUntil).where('t.status', 'in', ACTIVE)
  // A ticket number is an exact lookup (the unique index): its digits would match every other number fuzzily.
  if (f.q && TICKET_NUMBER.test(f.q)) q = q.where('t.number', '=', f.q.toUpperCase())
  else if (f.q) q = q.where(textMatch('t.search_text', f.q, 'tickets'))
  const after = afterCondition(f.keyset, 't.id')
  if (after) q = q.where(after)
  return q.orderBy(orderBy(f.keyset, 't.id')).limit(f.limit + 1).execute()
}

/** Open tickets (new/open/pending) per user of the pool, for least-loaded assignment. */
export async function workload(db: Executor, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('tickets')
    .select(['assigneeId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('assigneeId', 'in', userIds)
    .where('status', 'in', ACTIVE)
    .where('deletedAt', 'is', null)
    .groupBy('assigneeId')
    .execute()
  return new Map(rows.map((r) => [r.assigneeId!, Number(r.n)]))
}

export const insertComment = (db: Executor, row: Insertable<TicketCommentsTable>) =>
  db.insertInto('ticketComments').values(row).returningAll().executeTakeFirstOrThrow()

export async function listComments(db: Executor, f: { ticketId: string; after: { at: Date; id: string } | null; limit: number; includeInternal: boolean; only?: string }) {
  let q = db
    .selectFrom('ticketComments as m')
    .leftJoin('users as u', 'u.id', 'm.authorId')
    .select(['m.id', 'm.ticketId', 'm.body', 'm.internal', 'm.fromCustomer', 'm.authorId', 'm.createdAt'])
    .select(sql<string | null>`coalesce(u.name, m.author_name)`.as('authorName'))
    .where('m.ticketId', '=', f.ticketId)
  if (!f.includeInternal) q = q.where('m.internal', '=', false)
  if (f.only) q = q.where('m.id', '=', f.only)
  if (f.after) q = q.where(sql<boolean>`(m.created_at, m.id) > (${f.after.at}::timestamptz, ${f.after.id}::uuid)`)
  return q.orderBy('m.createdAt').orderBy('m.id').limit(f.limit + 1).execute()
}

export const insertEvents = (db: Executor, rows: Insertable<TicketEventsTable>[]) =>
  rows.length ? db.insertInto('ticketEvents').values(rows).execute() : Promise.resolve([])

export async function listEvents(db: Executor, f: { ticketId: string; after: { at: Date; id: string } | null; limit: number }) {
  let q = db
    .selectFrom('ticketEvents as e')
    .leftJoin('users as u', 'u.id', 'e.actorId')
    .select(['e.id', 'e.ticketId', 'e.kind', 'e.before', 'e.after', 'e.actorId', 'e.at', 'u.name as actorName'])
    .where('e.ticketId', '=', f.ticketId)
  if (f.after) q = q.where(sql<boolean>`(e.at, e.id) > (${f.after.at}::timestamptz, ${f.after.id}::uuid)`)
  return q.orderBy('e.at').orderBy('e.id').limit(f.limit + 1).execute()
}

/**
 * Tickets created in [from, to) by priority, with their SLA breaches from stored timestamps: a
 * target is breached when met late, or not met and already past due at `now` (for a pending
 * ticket's resolution: when its clock stopped).
 */
export async function breachCounts(db: Executor, f: { from?: Date; to?: Date; now: Date }) {
  let q = db
    .selectFrom('tickets')
    .select([
      'priority',
      (eb) => eb.fn.countAll<number>().as('tickets'),
      sql<number>`count(*) FILTER (WHERE first_response_due_at < coalesce(first_responded_at, ${f.now}::timestamptz))`.as('firstResponseBreached'),
      sql<number>`count(*) FILTER (WHERE resolution_due_at < coalesce(resolved_at, sla_paused_at, ${f.now}::timestamptz))`.as('resolutionBreached'),
    ])
    .where('deletedAt', 'is', null)
  if (f.from) q = q.where('createdAt', '>=', f.from)
  if (f.to) q = q.where('createdAt', '<', f.to)
  return q.groupBy('priority').execute()
}

export type TicketRow = NonNullable<Awaited<ReturnType<typeof findTicketById>>>
export type CommentRow = Awaited<ReturnType<typeof listComments>>[number]
export type EventRow = Awaited<ReturnType<typeof listEvents>>[number]
