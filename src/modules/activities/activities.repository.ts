import { sql, type Expression, type Insertable, type SqlBool, type Updateable } from 'kysely'
import type { Executor } from '../../db/database'
import { afterCondition, orderBy, type Keyset } from '../../db/keyset'
import { scopeCondition } from '../../db/scope'
import type { Scope } from '../../server/permissions'
import type { ActivitiesTable } from './activities.table'
import { moveOwnedToTeam } from '../../db/owner-team'
import type { DueWindow } from './due'

const columns = [
  'a.id', 'a.type', 'a.subject', 'a.body', 'a.dueAt', 'a.completedAt', 'a.customerId', 'a.contactId', 'a.leadId',
  'a.opportunityId', 'a.ticketId', 'a.ownerId', 'a.teamId', 'a.createdAt', 'a.updatedAt', 'a.createdBy', 'a.version', 'a.deletedAt',
] as const

const base = (db: Executor) =>
  db.selectFrom('activities as a').leftJoin('users as o', 'o.id', 'a.ownerId').select(columns).select('o.name as ownerName')

/**
 * One activity with the ownership of what it is linked to: it is visible to whoever may see its
 * customer, lead or opportunity, or the activity itself (its owner and his team).
 */
const withLinks = (db: Executor) =>
  base(db)
    .leftJoin('customers as c', 'c.id', 'a.customerId')
    .leftJoin('leads as l', 'l.id', 'a.leadId')
    .leftJoin('opportunities as op', 'op.id', 'a.opportunityId')
    .select([
      'c.ownerId as customerOwnerId', 'c.teamId as customerTeamId',
      'l.ownerId as leadOwnerId', 'l.teamId as leadTeamId',
      'op.ownerId as opportunityOwnerId', 'op.teamId as opportunityTeamId',
    ])

export const findActivityById = (db: Executor, id: string) => withLinks(db).where('a.id', '=', id).executeTakeFirst()

export const lockActivity = (db: Executor, id: string) => withLinks(db).where('a.id', '=', id).forUpdate('a').executeTakeFirst()

export const findActivitiesByIds = (db: Executor, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : base(db).where('a.id', 'in', ids).execute()

export const insertActivity = (db: Executor, row: Insertable<ActivitiesTable>) =>
  db.insertInto('activities').values(row).returning('id').executeTakeFirstOrThrow()

export const updateActivity = (db: Executor, id: string, patch: Updateable<ActivitiesTable>) =>
  db
    .updateTable('activities')
    .set({ ...patch, updatedAt: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .execute()

export const purgeActivity = (db: Executor, id: string) => db.deleteFrom('activities').where('id', '=', id).execute()

/** The visibility rule of withLinks() as one SQL condition (null: no restriction). */
function visibleCondition(scope: Scope): Expression<SqlBool> | null {
  if (scope === null) return null
  const arms = (['a', 'c', 'l', 'op'] as const).map((alias) => scopeCondition(scope, alias)!)
  return sql<SqlBool>`(${sql.join(arms, sql` OR `)})`
}

export interface ActivityFilter {
  /** null: the caller may see every activity of this list (say, of a customer he may see). */
  scope: Scope
  type?: string
  ownerId?: string
  customerId?: string
  contactId?: string
  leadId?: string
  opportunityId?: string
  ticketId?: string
  open?: boolean
  /** Open tasks due in [from, to), or 'none': open tasks without a due date. */
  due?: DueWindow
  keyset: Keyset
  limit: number
}

export async function listActivities(db: Executor, f: ActivityFilter) {
  let q = base(db).where('a.deletedAt', 'is', null)
  const visible = visibleCondition(f.scope)
  if (visible) {
    q = q
      .leftJoin('customers as c', 'c.id', 'a.customerId')
      .leftJoin('leads as l', 'l.id', 'a.leadId')
      .leftJoin('opportunities as op', 'op.id', 'a.opportunityId')
      .where(visible) as unknown as typeof q
  }
  if (f.type) q = q.where('a.type', '=', f.type as 'task')
  if (f.ownerId) q = q.where('a.ownerId', '=', f.ownerId)
  if (f.customerId) q = q.where('a.customerId', '=', f.customerId)
  if (f.contactId) q = q.where('a.contactId', '=', f.contactId)
  if (f.leadId) q = q.where('a.leadId', '=', f.leadId)
  if (f.opportunityId) q = q.where('a.opportunityId', '=', f.opportunityId)
  if (f.ticketId) q = q.where('a.ticketId', '=', f.ticketId)
  if (f.open === true) q = q.where('a.completedAt', 'is', null)
  if (f.open === false) q = q.where('a.completedAt', 'is not', null)
  if (f.due === 'none') {
    q = q.where('a.type', '=', 'task').where('a.completedAt', 'is', null).where('a.dueAt', 'is', null)
  } else if (f.due) {
    q = q.where('a.type', '=', 'task').where('a.completedAt', 'is', null).where('a.dueAt', 'is not', null)
    if (f.due.from) q = q.where('a.dueAt', '>=', f.due.from)
    if (f.due.to) q = q.where('a.dueAt', '<', f.due.to)
  }
  if (f.keyset.key.column === 'a.due_at') q = q.where('a.dueAt', 'is not', null)
  const after = afterCondition(f.keyset, 'a.id')
  if (after) q = q.where(after)
  return q.orderBy(orderBy(f.keyset, 'a.id')).limit(f.limit + 1).execute()
}

/** A merged customer's activities go to the survivor (its contacts move with them). */
export async function moveToCustomer(db: Executor, fromId: string, toId: string): Promise<number> {
  const r = await db
    .updateTable('activities')
    .set({ customerId: toId, updatedAt: sql`now()`, version: sql`version + 1` })
    .where('customerId', '=', fromId)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/**
 * Everything linked to a purged customer: directly, through one of its contacts, or through one
 * of its opportunities (which are purged after this, so their foreign keys must be free).
 */
export const purgeOfCustomer = (db: Executor, customerId: string) =>
  db
    .deleteFrom('activities')
    .where((eb) =>
      eb.or([
        eb('customerId', '=', customerId),
        eb('contactId', 'in', eb.selectFrom('contacts').select('id').where('customerId', '=', customerId)),
        eb('opportunityId', 'in', eb.selectFrom('opportunities').select('id').where('customerId', '=', customerId)),
      ]),
    )
    .execute()

/** A converted lead's activities join the customer, contact and opportunity it became (and keep lead_id as history). */
export async function moveToConversion(db: Executor, leadId: string, t: { customerId: string; contactId: string; opportunityId: string | null }) {
  const r = await db
    .updateTable('activities')
    .set({
      customerId: t.customerId,
      contactId: sql`coalesce(contact_id, ${t.contactId}::uuid)`,
      opportunityId: sql`coalesce(opportunity_id, ${t.opportunityId}::uuid)`,
      updatedAt: sql`now()`,
      version: sql`version + 1`,
    })
    .where('leadId', '=', leadId)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/** A purged lead takes the activities that only it held; those also on a customer just lose the link. */
export async function purgeOfLead(db: Executor, leadId: string) {
  await db.deleteFrom('activities').where('leadId', '=', leadId).where('customerId', 'is', null).where('opportunityId', 'is', null).execute()
  await db.updateTable('activities').set({ leadId: null }).where('leadId', '=', leadId).execute()
}

/** Purged opportunities take the activities that only they held; others lose the link. */
export async function purgeOfOpportunities(db: Executor, ids: string[]) {
  if (ids.length === 0) return
  await db.deleteFrom('activities').where('opportunityId', 'in', ids).where('customerId', 'is', null).where('leadId', 'is', null).execute()
  await db.updateTable('activities').set({ opportunityId: null }).where('opportunityId', 'in', ids).execute()
}

export type ActivityRow = NonNullable<Awaited<ReturnType<typeof findActivityById>>>
export type ActivityListRow = Awaited<ReturnType<typeof listActivities>>[number]

/** A user who changes team takes his activities with him. */
export const moveOwnerTeam = (db: Executor, ownerId: string, teamId: string | null) => moveOwnedToTeam(db, 'activities', ownerId, teamId)
