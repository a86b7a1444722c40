import { sql, type CompiledQuery, type Insertable, type RawBuilder, type Updateable } from 'kysely'
import type { Executor } from '../../db/database'
import { afterCondition, orderBy, type Keyset } from '../../db/keyset'
import { scopeCondition } from '../../db/scope'
import { blindMatch, byRelevance, matchArms, rankedCandidates, textMatch, type BlindTerm } from '../../db/text-search'
import type { Scope } from '../../server/permissions'
import type { CustomersTable } from './customers.table'
import { moveOwnedToTeam } from '../../db/owner-team'

const columns = [
  'c.id', 'c.type', 'c.name', 'c.email', 'c.phone', 'c.company', 'c.website', 'c.industry', 'c.address',
  'c.tags', 'c.status', 'c.source', 'c.ownerId', 'c.teamId', 'c.description', 'c.createdAt', 'c.updatedAt',
  'c.createdBy', 'c.version', 'c.deletedAt', 'c.mergedInto',
] as const

const base = (db: Executor) =>
  db.selectFrom('customers as c').leftJoin('users as o', 'o.id', 'c.ownerId').select(columns).select('o.name as ownerName')

const byId = (db: Executor, id: string) => base(db).where('c.id', '=', id)
export type CustomerRow = NonNullable<Awaited<ReturnType<ReturnType<typeof byId>['executeTakeFirst']>>>
const byIdCompiled = new WeakMap<Executor, CompiledQuery<CustomerRow>>()

/**
 * The hottest read (a customer page, every permission check): building and compiling it through
 * Kysely was a tenth of a GET's time, so it is compiled once per executor and only the id changes.
 */
export async function findCustomerById(db: Executor, id: string): Promise<CustomerRow | undefined> {
  let compiled = byIdCompiled.get(db)
  if (!compiled) byIdCompiled.set(db, (compiled = byId(db, id).compile()))
  const { rows } = await db.executeQuery<CustomerRow>({ ...compiled, parameters: [id] })
  return rows[0]
}

/** Locks the row for the rest of the service's transaction (version check, then write). */
export const lockCustomer = (db: Executor, id: string) =>
  base(db).where('c.id', '=', id).forUpdate('c').executeTakeFirst()

export const insertCustomer = (db: Executor, row: Insertable<CustomersTable>) =>
  db.insertInto('customers').values(row).returning('id').executeTakeFirstOrThrow()

export const updateCustomer = (db: Executor, id: string, patch: Updateable<CustomersTable>) =>
  db
    .updateTable('customers')
    .set({ ...patch, updatedAt: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .execute()

export const purgeCustomer = (db: Executor, id: string) => db.deleteFrom('customers').where('id', '=', id).execute()

export interface CustomerFilter {
  scope: Scope
  deleted: boolean
  ownerId?: string
  status?: string
  type?: string
  tag?: string
  industry?: string
  q?: string
  /** The term's blind indexes, when e-mail or phone is encrypted: exact matches of sealed values. */
  blind?: BlindTerm | null
}

/** Shared WHERE of list and search: visibility, soft delete, filters, text match. */
function filtered(db: Executor, f: CustomerFilter, opts: { scopeAsFilter?: boolean } = {}) {
  let q = base(db)
  q = f.deleted ? q.where('c.deletedAt', 'is not', null).where('c.mergedInto', 'is', null) : q.where('c.deletedAt', 'is', null)
  const scope = scopeCondition(f.scope, 'c', { asFilter: opts.scopeAsFilter })
  if (scope) q = q.where(scope)
  if (f.ownerId) q = q.where('c.ownerId', '=', f.ownerId)
  if (f.status) q = q.where('c.status', '=', f.status as 'active')
  if (f.type) q = q.where('c.type', '=', f.type as 'company')
  if (f.industry) q = q.where('c.industry', '=', f.industry)
  if (f.tag) q = q.where(sql<boolean>`c.tags @> ARRAY[${f.tag}]::text[]`)
  if (f.q) q = q.where(textMatch('c.search_text', f.q, 'customers', f.blind))
  return q
}

export async function listCustomers(db: Executor, f: CustomerFilter & { keyset: Keyset; limit: number }) {
  let q = filtered(db, f)
  const after = afterCondition(f.keyset, 'c.id')
  if (after) q = q.where(after)
  return q.orderBy(orderBy(f.keyset, 'c.id')).limit(f.limit + 1).execute()
}

/**
 * Best matches first: exact substring hits, then by trigram word similarity. At most
 * rankedCandidates() rows of each kind are ranked (see db/text-search.ts), and the fuzzy match is
 * only looked for when the substring hits cannot fill the page, so a common term costs what a rare
 * one does. The result is the same as ranking every match, except for the order among the hits of
 * a term that has more than rankedCandidates() of them.
 */
export async function searchCustomers(db: Executor, f: CustomerFilter & { q: string; limit: number }) {
  const arm = (match: RawBuilder<boolean>) =>
    filtered(db, { ...f, q: undefined, blind: undefined }, { scopeAsFilter: true }).clearSelect().select('c.id').where(match).limit(rankedCandidates(f.limit))
  const { substring, fuzzy } = matchArms('c.search_text', f.q, 'customers', f.blind)
  const q = !fuzzy
    ? base(db).where('c.id', 'in', db.selectFrom(arm(substring!).as('s')).select('s.id'))
    : substring
    ? db
        .with('exact', () => arm(substring))
        .selectFrom('customers as c')
        .leftJoin('users as o', 'o.id', 'c.ownerId')
        .select(columns)
        .select('o.name as ownerName')
        .where('c.id', 'in', (eb) =>
          eb.selectFrom('exact').select('exact.id').union(
            eb.selectFrom(arm(fuzzy).where(sql<boolean>`(SELECT count(*) FROM exact) < ${f.limit}`).as('f')).select('f.id'),
          ),
        )
    : base(db).where('c.id', 'in', db.selectFrom(arm(fuzzy).as('f')).select('f.id'))
  return q.orderBy(byRelevance('c.search_text', f.q, 'customers')).orderBy('c.id').limit(f.limit).execute()
}

/** Visible customers with this e-mail (lower-cased), phone (E.164) or company name (any case); each arm is an index lookup. */
/**
 * Live customers the scope sees that match a duplicate probe (already normalised: name and e-mail
 * trimmed and lower-cased, phone E.164) on any of name, e-mail, phone or company — each arm an
 * index look-up (lower(name), lower(company), lower(email), phone), never a scan. The one place
 * duplicate look-ups of customers are made: when e-mail and phone become encrypted with a blind
 * index, only these arms change (to the HMAC columns).
 */
export const findDuplicateCandidates = (db: Executor, f: DuplicateFilter) => duplicateCandidatesQuery(db, f).execute()

type DuplicateFilter = { scope: Scope; name?: string | null; email?: string | null; phone?: string | null; company?: string | null; emailBidx?: string; phoneBidx?: string; exceptId?: string; limit: number }

/** The query of findDuplicateCandidates, unexecuted: tests EXPLAIN it. */
export function duplicateCandidatesQuery(db: Executor, f: DuplicateFilter) {
  let q = db
    .selectFrom('customers as c')
    .leftJoin('users as o', 'o.id', 'c.ownerId')
    .select(['c.id', 'c.type', 'c.name', 'c.email', 'c.phone', 'c.company', 'c.ownerId', 'c.teamId', 'c.createdAt', 'c.status'])
    .select(['o.name as ownerName', sql<string | null>`c.address->>'city'`.as('city')])
    .where('c.deletedAt', 'is', null)
    .where('c.mergedInto', 'is', null)
  const scope = scopeCondition(f.scope, 'c')
  if (scope) q = q.where(scope)
  if (f.exceptId) q = q.where('c.id', '!=', f.exceptId)
  return q
    .where((eb) => {
      const arms = []
      if (f.name) arms.push(eb(sql`lower(c.name)`, '=', f.name))
      if (f.email) arms.push(eb(sql`lower(c.email)`, '=', f.email))
      if (f.phone) arms.push(eb('c.phone', '=', f.phone))
      // Sealed values are found by their blind index.
      if (f.emailBidx || f.phoneBidx) arms.push(blindMatch('c.', { email: f.emailBidx ? [f.emailBidx] : [], phone: f.phoneBidx ? [f.phoneBidx] : [], tails: [] }))
      if (f.company) {
        arms.push(eb(sql`lower(c.company)`, '=', f.company))
        arms.push(eb(sql`lower(c.name)`, '=', f.company))
      }
      return arms.length ? eb.or(arms) : sql<boolean>`false`
    })
    .orderBy('c.name')
    .orderBy('c.id')
    .limit(f.limit)
}
export type DuplicateCandidateRow = Awaited<ReturnType<typeof findDuplicateCandidates>>[number]

/** A user who changes team takes his customers with him. */
export const moveOwnerTeam = (db: Executor, ownerId: string, teamId: string | null) => moveOwnedToTeam(db, 'customers', ownerId, teamId)
