import { sql, type Insertable, type RawBuilder, type Updateable } from 'kysely'
import { countByCustomer as countLive } from '../../db/count-by-customer'
import type { Executor } from '../../db/database'
import { afterCondition, orderBy, type Keyset } from '../../db/keyset'
import { dayRange } from '../../db/day-range'
import { scopeCondition } from '../../db/scope'
import { textMatch } from '../../db/text-search'
import type { Scope } from '../../server/permissions'
import type { OpportunitiesTable, OpportunityLinesTable } from './opportunities.table'
import { moveOwnedToTeam } from '../../db/owner-team'

const columns = [
  'o.id', 'o.name', 'o.customerId', 'o.contactId', 'o.ownerId', 'o.teamId', 'o.stage', 'o.amount', 'o.currency',
  'o.probability', 'o.expectedCloseDate', 'o.lostReason', 'o.lostReasonId', 'o.campaignId', 'o.leadId', 'o.closedAt',
  'o.createdAt', 'o.updatedAt', 'o.createdBy', 'o.version', 'o.deletedAt',
] as const

/** The same columns for the board's raw SQL (the CamelCasePlugin names them like the builder's). */
const rawColumns = sql.raw(columns.map((c) => `o.${c.slice(2).replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)}`).join(', '))

/** Deals without an expected close date sort (and page) as if due on 9999-12-31; an index has this expression. */
export const CLOSE_DATE_SORT = `coalesce(o.expected_close_date, '9999-12-31'::date)`

const base = (db: Executor) =>
  db
    .selectFrom('opportunities as o')
    .innerJoin('customers as c', 'c.id', 'o.customerId')
    .leftJoin('users as u', 'u.id', 'o.ownerId')
    .select(columns)
    .select(['c.name as customerName', 'u.name as ownerName'])
    .select(sql<string | null>`(SELECT lr.label_en FROM lost_reasons lr WHERE lr.id = o.lost_reason_id)`.as('lostReasonLabel'))

export const findOpportunityById = (db: Executor, id: string) => base(db).where('o.id', '=', id).executeTakeFirst()

/** Locks the row for the rest of the service's transaction (version check, then write). */
export const lockOpportunity = (db: Executor, id: string) => base(db).where('o.id', '=', id).forUpdate('o').executeTakeFirst()

/** Locks several rows in id order, so two bulk changes over overlapping sets cannot deadlock. */
export const lockOpportunities = (db: Executor, ids: string[]) =>
  base(db).where('o.id', 'in', ids).orderBy('o.id').forUpdate('o').execute()

export const findOpportunitiesByIds = (db: Executor, ids: string[]) => base(db).where('o.id', 'in', ids).orderBy('o.id').execute()

export const insertOpportunity = (db: Executor, row: Insertable<OpportunitiesTable>) =>
  db.insertInto('opportunities').values(row).returning('id').executeTakeFirstOrThrow()

export const updateOpportunity = (db: Executor, id: string, patch: Updateable<OpportunitiesTable>) =>
  db
    .updateTable('opportunities')
    .set({ ...patch, updatedAt: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .execute()

/** Bulk reassignment: new owner and his team on every row, each version bumped. */
export const reassign = (db: Executor, ids: string[], owner: { ownerId: string; teamId: string | null }) =>
  ids.length
    ? db.updateTable('opportunities').set({ ...owner, updatedAt: sql`now()`, version: sql`version + 1` }).where('id', 'in', ids).execute()
    : Promise.resolve([])

/** Lines go with their deal (ON DELETE CASCADE). */
export const purgeOpportunities = (db: Executor, ids: string[]) =>
  ids.length ? db.deleteFrom('opportunities').where('id', 'in', ids).execute() : Promise.resolve([])

export const linesOf = (db: Executor, opportunityIds: string[]) =>
  opportunityIds.length
    ? db
        .selectFrom('opportunityLines')
        .select(['id', 'opportunityId', 'position', 'productId', 'description', 'quantity', 'unitPrice', 'discountPercent', 'amount'])
        .where('opportunityId', 'in', opportunityIds)
        .orderBy('opportunityId')
        .orderBy('position')
        .execute()
    : Promise.resolve([])

export const countLines = async (db: Executor, opportunityId: string) =>
  Number((await db.selectFrom('opportunityLines').select((eb) => eb.fn.countAll().as('n')).where('opportunityId', '=', opportunityId).executeTakeFirstOrThrow()).n)

/** Replaces the lines of a deal as a set. */
export async function replaceLines(db: Executor, opportunityId: string, rows: Insertable<OpportunityLinesTable>[]): Promise<void> {
  await db.deleteFrom('opportunityLines').where('opportunityId', '=', opportunityId).execute()
  if (rows.length) await db.insertInto('opportunityLines').values(rows).execute()
}

export const countInStage = async (db: Executor, stage: string) =>
  Number(
    (await db.selectFrom('opportunities').select((eb) => eb.fn.countAll().as('n')).where('stage', '=', stage).where('deletedAt', 'is', null).executeTakeFirstOrThrow()).n,
  )

/** Every deal of a customer, deleted ones too (merge and purge take them all). */
export const idsOfCustomer = async (db: Executor, customerId: string) =>
  (await db.selectFrom('opportunities').select('id').where('customerId', '=', customerId).orderBy('id').execute()).map((r) => r.id)

/** Live opportunities per customer (duplicate candidates, the merge dialog). */
export const countByCustomer = (db: Executor, customerIds: string[]) => countLive(db, 'opportunities', customerIds)

export const moveToCustomer = (db: Executor, fromId: string, toId: string) =>
  db
    .updateTable('opportunities')
    .set({ customerId: toId, updatedAt: sql`now()`, version: sql`version + 1` })
    .where('customerId', '=', fromId)
    .returning('id')
    .execute()

export interface OpportunityFilter {
  scope: Scope
  deleted: boolean
  /** Only these stages (the stage and status filters, resolved by the service). */
  stages?: string[]
  ownerId?: string
  teamId?: string
  customerId?: string
  /** First day of the month and of the next one. */
  closeMonth?: { from: string; to: string }
  /** Expected close date within these days (inclusive; either end open). */
  close?: { from?: string; to?: string }
  noCloseDate?: boolean
  /** Created / won or lost within these calendar days of tz. */
  created?: { from?: string; to?: string; tz: string }
  closed?: { from?: string; to?: string; tz: string }
  currency?: string
  lostReason?: string
  lostReasonId?: string
  campaignId?: string
  source?: string
  q?: string
  keyset: Keyset
  limit: number
}

export async function listOpportunities(db: Executor, f: OpportunityFilter) {
  let q = base(db)
  q = f.deleted ? q.where('o.deletedAt', 'is not', null) : q.where('o.deletedAt', 'is', null)
  const scope = scopeCondition(f.scope, 'o')
  if (scope) q = q.where(scope)
  if (f.stages) q = q.where('o.stage', 'in', f.stages)
  if (f.ownerId) q = q.where('o.ownerId', '=', f.ownerId)
  if (f.teamId) q = q.where('o.teamId', '=', f.teamId)
  if (f.customerId) q = q.where('o.customerId', '=', f.customerId)
  if (f.closeMonth) {
    const close = sql.raw(CLOSE_DATE_SORT)
    q = q.where(sql<boolean>`${close} >= ${f.closeMonth.from}::date AND ${close} < ${f.closeMonth.to}::date`)
  }
  if (f.close?.from) q = q.where('o.expectedCloseDate', '>=', f.close.from)
  if (f.close?.to) q = q.where('o.expectedCloseDate', '<=', f.close.to)
  if (f.noCloseDate) q = q.where('o.expectedCloseDate', 'is', null)
  if (f.created) q = q.where(dayRange('o.created_at', f.created))
  if (f.closed) q = q.where(dayRange('o.closed_at', f.closed))
  if (f.currency) q = q.where('o.currency', '=', f.currency)
  // As the lost-reasons report groups them: surrounding blanks are not part of the reason.
  if (f.lostReason) q = q.where(sql<boolean>`nullif(trim(o.lost_reason), '') = ${f.lostReason}`)
  if (f.lostReasonId) q = q.where('o.lostReasonId', '=', f.lostReasonId)
  if (f.campaignId) q = q.where('o.campaignId', '=', f.campaignId)
  if (f.source) q = q.where(sql<boolean>`o.lead_id IN (SELECT l.id FROM leads l WHERE l.source = ${f.source})`)
  if (f.q) q = q.where(textMatch('o.search_text', f.q, 'opportunities'))
  const after = afterCondition(f.keyset, 'o.id')
  if (after) q = q.where(after)
  return q.orderBy(orderBy(f.keyset, 'o.id')).limit(f.limit + 1).execute()
}

export interface BoardFilter {
  scope: Scope
  ownerId?: string
  teamId?: string
  closeMonth?: { from: string; to: string }
}

interface Arm {
  where: RawBuilder<boolean>
  /** The arm's rows come in (expected_close_date, id) order from its index; otherwise they are few and sorted. */
  ordered: boolean
}

/**
 * The visibility of a rep (`owner = me OR team = mine`) as disjoint arms, each answered by one
 * index range: his team's deals by (team_id, stage, expected_close_date, id), and his own deals
 * stamped with another team (or none; rare: he changed teams) by (owner_id, team_id, stage, …),
 * as ranges on either side of his team so none of his team's rows is read twice. An OR would make
 * the planner combine bitmaps and sort every visible row of a stage.
 */
function boardArms(f: BoardFilter): Arm[] {
  const common: RawBuilder<boolean>[] = [sql<boolean>`o.deleted_at IS NULL`]
  if (f.ownerId) common.push(sql<boolean>`o.owner_id = ${f.ownerId}::uuid`)
  if (f.teamId) common.push(sql<boolean>`o.team_id = ${f.teamId}::uuid`)
  if (f.closeMonth) common.push(sql<boolean>`o.expected_close_date >= ${f.closeMonth.from}::date AND o.expected_close_date < ${f.closeMonth.to}::date`)
  const arm = (ordered: boolean, ...extra: RawBuilder<boolean>[]): Arm => ({ where: sql.join([...common, ...extra], sql` AND `) as RawBuilder<boolean>, ordered })
  const s = f.scope
  if (s === 'none') return []
  if (s === null) return [arm(true)]
  const own = sql<boolean>`o.owner_id = ${s.ownerId}::uuid`
  if (s.teamId === null) return [arm(true, own, sql<boolean>`o.team_id IS NULL`), arm(false, own, sql<boolean>`o.team_id IS NOT NULL`)]
  return [
    arm(true, sql<boolean>`o.team_id = ${s.teamId}::uuid`),
    arm(false, own, sql<boolean>`o.team_id < ${s.teamId}::uuid`),
    arm(false, own, sql<boolean>`o.team_id > ${s.teamId}::uuid`),
    arm(false, own, sql<boolean>`o.team_id IS NULL`),
  ]
}

/** Count and exact per-currency sum of the visible deals, per stage: one aggregate over index-only scans. */
export async function boardTotals(db: Executor, f: BoardFilter) {
  const arms = boardArms(f)
  if (!arms.length) return []
  // Each arm aggregates on its own (in index order), the few partial rows are then added up.
  const union = sql.join(
    arms.map((a) => sql`SELECT o.stage, o.currency, count(*) AS n, sum(o.amount) AS total FROM opportunities o WHERE ${a.where} GROUP BY o.stage, o.currency`),
    sql` UNION ALL `,
  )
  const { rows } = await sql<{ stage: string; currency: string; n: number; total: string }>`
    SELECT v.stage, v.currency, sum(v.n)::bigint AS n, sum(v.total) AS total FROM (${union}) v GROUP BY v.stage, v.currency`.execute(db)
  return rows
}

/** The first `perStage` visible deals of each stage by expected close date, then id: one LATERAL query. */
export async function boardItems(db: Executor, f: BoardFilter & { stages: string[]; perStage: number }) {
  const arms = boardArms(f)
  if (!arms.length || !f.stages.length) return []
  const n = f.perStage
  const union = sql.join(
    // An unordered arm is fenced (OFFSET 0): else the planner, misjudging how few rows it has,
    // walks the stage's whole (stage, expected_close_date) index looking for them.
    arms.map((a) =>
      a.ordered
        ? sql`(SELECT ${rawColumns} FROM opportunities o WHERE o.stage = s.key AND ${a.where} ORDER BY o.expected_close_date, o.id LIMIT ${n})`
        : sql`(SELECT x.* FROM (SELECT ${rawColumns} FROM opportunities o WHERE o.stage = s.key AND ${a.where} OFFSET 0) x ORDER BY x.expected_close_date, x.id LIMIT ${n})`,
    ),
    sql` UNION ALL `,
  )
  const { rows } = await sql<BoardRow>`
    SELECT i.*, c.name AS customer_name, u.name AS owner_name
    FROM unnest(ARRAY[${sql.join(f.stages)}]::text[]) AS s(key)
    CROSS JOIN LATERAL (SELECT a.* FROM (${union}) a ORDER BY a.expected_close_date, a.id LIMIT ${n}) i
    JOIN customers c ON c.id = i.customer_id
    LEFT JOIN users u ON u.id = i.owner_id`.execute(db)
  return rows
}

export type OpportunityRow = NonNullable<Awaited<ReturnType<typeof findOpportunityById>>>
export type BoardRow = OpportunityRow
export type LineRow = Awaited<ReturnType<typeof linesOf>>[number]

/** A user who changes team takes his opportunities with him. */
export const moveOwnerTeam = (db: Executor, ownerId: string, teamId: string | null) => moveOwnedToTeam(db, 'opportunities', ownerId, teamId)
