import { sql, type Insertable, type Updateable } from 'kysely'
import type { Executor } from '../../db/database'
import { afterCondition, orderBy, type Keyset } from '../../db/keyset'
import { scopeCondition } from '../../db/scope'
import { textMatch } from '../../db/text-search'
import type { Scope } from '../../server/permissions'
import type { QuoteLinesTable, QuoteSendsTable, QuotesTable } from './quotes.table'
import { moveOwnedToTeam } from '../../db/owner-team'

const columns = [
  'q.id', 'q.number', 'q.revision', 'q.isLatest', 'q.opportunityId', 'q.customerId', 'q.contactId', 'q.ownerId', 'q.teamId',
  'q.status', 'q.currency', 'q.language', 'q.validUntil', 'q.notes', 'q.subtotal', 'q.discountTotal', 'q.taxTotal', 'q.total',
  'q.sentAt', 'q.sentTo', 'q.acceptedAt', 'q.rejectedAt', 'q.rejectReason', 'q.createdAt', 'q.updatedAt', 'q.createdBy', 'q.version', 'q.deletedAt',
] as const

const base = (db: Executor) =>
  db
    .selectFrom('quotes as q')
    .innerJoin('opportunities as o', 'o.id', 'q.opportunityId')
    .innerJoin('customers as c', 'c.id', 'q.customerId')
    .leftJoin('contacts as k', 'k.id', 'q.contactId')
    .leftJoin('users as u', 'u.id', 'q.ownerId')
    .leftJoin('orders as so', 'so.quoteId', 'q.id')
    .select(columns)
    .select(['o.name as opportunityName', 'c.name as customerName', 'c.email as customerEmail', 'k.name as contactName', 'k.email as contactEmail', 'u.name as ownerName', 'so.id as orderId', 'so.number as orderNumber'])

export const findQuoteById = (db: Executor, id: string) => base(db).where('q.id', '=', id).executeTakeFirst()

/** Locks the quote row for the rest of the transaction (status changes, accept, revisions). */
export const lockQuote = async (db: Executor, id: string) => {
  await db.selectFrom('quotes').select('id').where('id', '=', id).forUpdate().execute()
  return findQuoteById(db, id)
}

/**
 * The next number of a kind for a year: an upsert on the counter row, whose row lock holds
 * concurrent generators in line until this transaction ends.
 */
export async function nextNumber(db: Executor, kind: string, year: number): Promise<number> {
  const row = await db
    .insertInto('documentCounters')
    .values({ kind, year, last: 1 })
    .onConflict((oc) => oc.columns(['kind', 'year']).doUpdateSet({ last: sql`document_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow()
  return row.last
}

export const insertQuote = (db: Executor, row: Insertable<QuotesTable>) => db.insertInto('quotes').values(row).execute()

export const updateQuote = (db: Executor, id: string, patch: Updateable<QuotesTable>) =>
  db.updateTable('quotes').set({ ...patch, updatedAt: sql`now()`, version: sql`version + 1` }).where('id', '=', id).execute()

/** The previous latest revision steps aside, without a version bump: its content did not change. */
export const retire = (db: Executor, id: string) => db.updateTable('quotes').set({ isLatest: false, updatedAt: sql`now()` }).where('id', '=', id).execute()

export const linesOf = (db: Executor, quoteIds: string[]) =>
  quoteIds.length
    ? db
        .selectFrom('quoteLines')
        .select(['id', 'quoteId', 'position', 'productId', 'sku', 'description', 'quantity', 'unitPrice', 'discountPercent', 'taxRate', 'amount', 'taxAmount'])
        .where('quoteId', 'in', quoteIds)
        .orderBy('quoteId')
        .orderBy('position')
        .execute()
    : Promise.resolve([])

export async function replaceLines(db: Executor, quoteId: string, rows: Insertable<QuoteLinesTable>[]): Promise<void> {
  await db.deleteFrom('quoteLines').where('quoteId', '=', quoteId).execute()
  if (rows.length) await db.insertInto('quoteLines').values(rows).execute()
}

export const idsOfCustomer = async (db: Executor, customerId: string) =>
  (await db.selectFrom('quotes').select('id').where('customerId', '=', customerId).execute()).map((r) => r.id)

export const purgeQuotes = (db: Executor, ids: string[]) => (ids.length ? db.deleteFrom('quotes').where('id', 'in', ids).execute() : Promise.resolve([]))

export const moveToCustomer = (db: Executor, fromId: string, toId: string) =>
  db.updateTable('quotes').set({ customerId: toId, updatedAt: sql`now()`, version: sql`version + 1` }).where('customerId', '=', fromId).returning('id').execute()

// --- sends -------------------------------------------------------------------------------------

export const findSendByKey = (db: Executor, quoteId: string, key: string) =>
  db.selectFrom('quoteSends').selectAll().where('quoteId', '=', quoteId).where('idempotencyKey', '=', key).forUpdate().executeTakeFirst()

/** The newest unfinished send of a quote (one a crash or a failure left behind). */
export const findOpenSend = (db: Executor, quoteId: string) =>
  db.selectFrom('quoteSends').selectAll().where('quoteId', '=', quoteId).where('state', '!=', 'sent').orderBy('createdAt', 'desc').limit(1).forUpdate().executeTakeFirst()

export const insertSend = (db: Executor, row: Insertable<QuoteSendsTable>) => db.insertInto('quoteSends').values(row).execute()

export const updateSend = (db: Executor, id: string, patch: Updateable<QuoteSendsTable>) => db.updateTable('quoteSends').set(patch).where('id', '=', id).execute()

/** Marks the send done unless it already is: true when this call did it. */
export const completeSend = async (db: Executor, id: string) =>
  (await db.updateTable('quoteSends').set({ state: 'sent', sentAt: new Date(), lastError: null }).where('id', '=', id).where('state', '!=', 'sent').returning('id').execute()).length === 1

// --- list --------------------------------------------------------------------------------------

export interface QuoteFilter {
  scope: Scope
  /** Stored statuses to keep, and whether (un)expired ones: the service maps `status` onto these. */
  status?: { stored: QuotesTable['status'][]; expired?: boolean; today: string }
  number?: string
  latestOnly: boolean
  opportunityId?: string
  customerId?: string
  ownerId?: string
  q?: string
  keyset: Keyset
  limit: number
}

export async function listQuotes(db: Executor, f: QuoteFilter) {
  let q = base(db).where('q.deletedAt', 'is', null)
  const scope = scopeCondition(f.scope, 'q')
  if (scope) q = q.where(scope)
  if (f.status) {
    q = q.where('q.status', 'in', f.status.stored)
    if (f.status.expired === true) q = q.where('q.validUntil', '<', f.status.today)
    if (f.status.expired === false) q = q.where('q.validUntil', '>=', f.status.today)
  }
  if (f.number) q = q.where('q.number', '=', f.number)
  if (f.latestOnly) q = q.where('q.isLatest', '=', true)
  if (f.opportunityId) q = q.where('q.opportunityId', '=', f.opportunityId)
  if (f.customerId) q = q.where('q.customerId', '=', f.customerId)
  if (f.ownerId) q = q.where('q.ownerId', '=', f.ownerId)
  if (f.q) q = q.where(textMatch('q.search_text', f.q))
  const after = afterCondition(f.keyset, 'q.id')
  if (after) q = q.where(after)
  return q.orderBy(orderBy(f.keyset, 'q.id')).limit(f.limit + 1).execute()
}

export type QuoteRow = NonNullable<Awaited<ReturnType<typeof findQuoteById>>>
export type QuoteLineRow = Awaited<ReturnType<typeof linesOf>>[number]
export type QuoteSendRow = NonNullable<Awaited<ReturnType<typeof findSendByKey>>>

/** A user who changes team takes his quotes with him. */
export const moveOwnerTeam = (db: Executor, ownerId: string, teamId: string | null) => moveOwnedToTeam(db, 'quotes', ownerId, teamId)
