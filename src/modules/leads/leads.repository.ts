import { sql, type Insertable, type RawBuilder, type Updateable } from 'kysely'
import type { Executor } from '../../db/database'
import { afterCondition, orderBy, type Keyset } from '../../db/keyset'
import { dayRange } from '../../db/day-range'
import { scopeCondition } from '../../db/scope'
import { byRelevance, matchArms, rankedCandidates, textMatch } from '../../db/text-search'
import type { Scope } from '../../server/permissions'
import type { LeadsTable } from './leads.table'
import { moveOwnedToTeam } from '../../db/owner-team'

const columns = [
  'l.id', 'l.name', 'l.company', 'l.title', 'l.email', 'l.phone', 'l.source', 'l.campaignId', 'l.status', 'l.score',
  'l.ownerId', 'l.teamId', 'l.description', 'l.convertedAt', 'l.convertedCustomerId', 'l.convertedContactId',
  'l.convertedOpportunityId', 'l.createdAt', 'l.updatedAt', 'l.createdBy', 'l.version', 'l.deletedAt',
] as const

const base = (db: Executor) =>
  db.selectFrom('leads as l').leftJoin('users as o', 'o.id', 'l.ownerId').select(columns).select('o.name as ownerName')

export const findLeadById = (db: Executor, id: string) => base(db).where('l.id', '=', id).executeTakeFirst()

/** Locks the row for the rest of the service's transaction (version check or conversion, then write). */
export const lockLead = (db: Executor, id: string) => base(db).where('l.id', '=', id).forUpdate('l').executeTakeFirst()

/** Locks several leads in id order (bulk assignment), so two bulk calls cannot deadlock. */
export const lockLeads = (db: Executor, ids: string[]) =>
  base(db).where('l.id', 'in', ids).orderBy('l.id').forUpdate('l').execute()

export const insertLead = (db: Executor, row: Insertable<LeadsTable>) =>
  db.insertInto('leads').values(row).returning('id').executeTakeFirstOrThrow()

export const updateLead = (db: Executor, id: string, patch: Updateable<LeadsTable>) =>
  db
    .updateTable('leads')
    .set({ ...patch, updatedAt: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .execute()

export const assignLeads = (db: Executor, ids: string[], owner: { ownerId: string; teamId: string | null }) =>
  db
    .updateTable('leads')
    .set({ ...owner, updatedAt: sql`now()`, version: sql`version + 1` })
    .where('id', 'in', ids)
    .execute()

/** Purged opportunities are forgotten by the leads converted into them. */
export const forgetOpportunities = (db: Executor, ids: string[]) =>
  db.updateTable('leads').set({ convertedOpportunityId: null }).where('convertedOpportunityId', 'in', ids).execute()

export const purgeLead = (db: Executor, id: string) => db.deleteFrom('leads').where('id', '=', id).execute()

export interface LeadFilter {
  scope: Scope
  deleted: boolean
  ownerId?: string
  status?: string
  source?: string
  campaignId?: string
  teamId?: string
  /** Created within these calendar days of tz. */
  createdFrom?: string
  createdTo?: string
  tz?: string
  q?: string
}

/** Shared WHERE of list and search: visibility, soft delete, filters, text match. */
function filtered(db: Executor, f: LeadFilter, opts: { scopeAsFilter?: boolean } = {}) {
  let q = base(db)
  q = f.deleted ? q.where('l.deletedAt', 'is not', null) : q.where('l.deletedAt', 'is', null)
  const scope = scopeCondition(f.scope, 'l', { asFilter: opts.scopeAsFilter })
  if (scope) q = q.where(scope)
  if (f.ownerId) q = q.where('l.ownerId', '=', f.ownerId)
  if (f.status) q = q.where('l.status', '=', f.status as 'new')
  if (f.source) q = q.where('l.source', '=', f.source)
  if (f.campaignId) q = q.where('l.campaignId', '=', f.campaignId)
  if (f.teamId) q = q.where('l.teamId', '=', f.teamId)
  if (f.createdFrom || f.createdTo) q = q.where(dayRange('l.created_at', { from: f.createdFrom, to: f.createdTo, tz: f.tz ?? 'UTC' }))
  if (f.q) q = q.where(textMatch('l.search_text', f.q, 'leads'))
  return q
}

export async function listLeads(db: Executor, f: LeadFilter & { keyset: Keyset; limit: number }) {
  let q = filtered(db, f)
  const after = afterCondition(f.keyset, 'l.id')
  if (after) q = q.where(after)
  return q.orderBy(orderBy(f.keyset, 'l.id')).limit(f.limit + 1).execute()
}

/** Best matches first, ranked the way searchCustomers ranks (capped candidates, fuzzy only when needed). */
export async function searchLeads(db: Executor, f: LeadFilter & { q: string; limit: number }) {
  const arm = (match: RawBuilder<boolean>) =>
    filtered(db, { ...f, q: undefined }, { scopeAsFilter: true }).clearSelect().select('l.id').where(match).limit(rankedCandidates(f.limit))
  const { substring, fuzzy } = matchArms('l.search_text', f.q, 'leads')
  const q = !fuzzy
    ? base(db).where('l.id', 'in', db.selectFrom(arm(substring!).as('s')).select('s.id'))
    : substring
    ? db
        .with('exact', () => arm(substring))
        .selectFrom('leads as l')
        .leftJoin('users as o', 'o.id', 'l.ownerId')
        .select(columns)
        .select('o.name as ownerName')
        .where('l.id', 'in', (eb) =>
          eb.selectFrom('exact').select('exact.id').union(
            eb.selectFrom(arm(fuzzy).where(sql<boolean>`(SELECT count(*) FROM exact) < ${f.limit}`).as('f')).select('f.id'),
          ),
        )
    : base(db).where('l.id', 'in', db.selectFrom(arm(fuzzy).as('f')).select('f.id'))
  return q.orderBy(byRelevance('l.search_text', f.q, 'leads')).orderBy('l.id').limit(f.limit).execute()
}

/**
 * Visible, unconverted leads with this e-mail (lower-cased), phone (E.164) or company (any case):
 * an OR of equalities, each answered by its own index (a bitmap OR), never a scan.
 */
export function findLeadsMatching(
  db: Executor,
  f: { scope: Scope; email?: string | null; phone?: string | null; company?: string | null; exceptId?: string; limit: number },
) {
  let q = db
    .selectFrom('leads as l')
    .select(['l.id', 'l.name', 'l.email', 'l.phone', 'l.company'])
    .where('l.deletedAt', 'is', null)
    .where('l.status', '!=', 'converted')
  const scope = scopeCondition(f.scope, 'l')
  if (scope) q = q.where(scope)
  if (f.exceptId) q = q.where('l.id', '!=', f.exceptId)
  return q
    .where((eb) => {
      const arms = []
      if (f.email) arms.push(eb(sql`lower(l.email)`, '=', f.email.toLowerCase()))
      if (f.phone) arms.push(eb('l.phone', '=', f.phone))
      if (f.company) arms.push(eb(sql`lower(l.company)`, '=', f.company.toLowerCase()))
      return arms.length ? eb.or(arms) : sql<boolean>`false`
    })
    .orderBy('l.name')
    .orderBy('l.id')
    .limit(f.limit)
    .execute()
}

export type LeadRow = NonNullable<Awaited<ReturnType<typeof findLeadById>>>

/** A user who changes team takes his leads with him. */
export const moveOwnerTeam = (db: Executor, ownerId: string, teamId: string | null) => moveOwnedToTeam(db, 'leads', ownerId, teamId)
