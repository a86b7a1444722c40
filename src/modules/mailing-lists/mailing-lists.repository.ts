import { sql, type Insertable, type RawBuilder, type Updateable } from 'kysely'
import type { Executor } from '../../db/database'
import { afterCondition, orderBy, type Keyset } from '../../db/keyset'
import { textMatch } from '../../db/text-search'
import { compileSegment, segmentBranches, type SegmentFilter } from './mailing-lists.filter'
import type { MailingListsTable, MemberKind } from './mailing-lists.table'

export const findListById = (db: Executor, id: string) => db.selectFrom('mailingLists').selectAll().where('id', '=', id).executeTakeFirst()

export const lockList = (db: Executor, id: string) =>
  db.selectFrom('mailingLists').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export const insertList = (db: Executor, row: Insertable<MailingListsTable>) => db.insertInto('mailingLists').values(row).execute()

export const updateList = (db: Executor, id: string, patch: Updateable<MailingListsTable>) =>
  db.updateTable('mailingLists').set({ ...patch, updatedAt: sql`now()`, version: sql`version + 1` }).where('id', '=', id).execute()

export async function listLists(db: Executor, f: { deleted: boolean; kind?: string; q?: string; keyset: Keyset; limit: number }) {
  let q = db.selectFrom('mailingLists as m').selectAll('m')
  q = f.deleted ? q.where('m.deletedAt', 'is not', null) : q.where('m.deletedAt', 'is', null)
  if (f.kind) q = q.where('m.kind', '=', f.kind as 'static')
  if (f.q) q = q.where(textMatch('lower(m.name)', f.q))
  const after = afterCondition(f.keyset, 'm.id')
  if (after) q = q.where(after)
  return q.orderBy(orderBy(f.keyset, 'm.id')).limit(f.limit + 1).execute()
}

export type ListRow = NonNullable<Awaited<ReturnType<typeof findListById>>>
export interface AudienceSource { id: string; kind: 'static' | 'dynamic'; filter: SegmentFilter | null }

// Merge-field `company`: a company customer's own name; a person's employer; a contact's customer.
const customerCompany = sql.raw(`CASE WHEN c.type = 'company' THEN c.name ELSE c.company END`)

/**
 * The members of a list as rows (kind, entity_id, email, name, company): a static list joins its
 * member rows to the live customers, contacts and leads; a segment is its compiled filter, now.
 */
export function audience(list: AudienceSource): RawBuilder<unknown> {
  if (list.kind === 'static') {
    return sql`
      SELECT 'customer'::text AS kind, c.id AS entity_id, c.email, c.name, ${customerCompany} AS company
        FROM mailing_list_members m JOIN customers c ON c.id = m.entity_id AND c.deleted_at IS NULL
       WHERE m.list_id = ${list.id} AND m.kind = 'customer'
      UNION ALL
      SELECT 'contact', ct.id, ct.email, ct.name, c.name
        FROM mailing_list_members m JOIN contacts ct ON ct.id = m.entity_id AND ct.deleted_at IS NULL
        JOIN customers c ON c.id = ct.customer_id AND c.deleted_at IS NULL
       WHERE m.list_id = ${list.id} AND m.kind = 'contact'
      UNION ALL
      SELECT 'lead', l.id, l.email, l.name, l.company
        FROM mailing_list_members m JOIN leads l ON l.id = m.entity_id AND l.deleted_at IS NULL
       WHERE m.list_id = ${list.id} AND m.kind = 'lead'`
  }
  const filter = list.filter!
  const parts = segmentBranches(filter).map((b) =>
    b === 'customer'
      ? sql`SELECT 'customer'::text AS kind, c.id AS entity_id, c.email, c.name, ${customerCompany} AS company
              FROM customers c WHERE c.deleted_at IS NULL AND ${compileSegment(filter, 'customer')}`
      : b === 'contact'
        ? sql`SELECT 'contact'::text AS kind, ct.id AS entity_id, ct.email, ct.name, c.name AS company
                FROM contacts ct JOIN customers c ON c.id = ct.customer_id AND c.deleted_at IS NULL
               WHERE ct.deleted_at IS NULL AND ${compileSegment(filter, 'contact')}`
        : sql`SELECT 'lead'::text AS kind, l.id AS entity_id, l.email, l.name, l.company
                FROM leads l WHERE l.deleted_at IS NULL AND ${compileSegment(filter, 'lead')}`,
  )
  return sql.join(parts, sql` UNION ALL `)
}

export interface MemberRow { kind: MemberKind; entityId: string; email: string | null; name: string; company: string | null }

export async function countAudience(db: Executor, list: AudienceSource) {
  const { rows } = await sql<{ count: number; emails: number }>`
    SELECT count(*)::int AS count,
           count(DISTINCT lower(trim(a.email))) FILTER (WHERE coalesce(trim(a.email), '') <> '')::int AS emails
      FROM (${audience(list)}) a`.execute(db)
  return rows[0]!
}

/** One keyset page in entity-id order (UUIDv7: the order members were created in). */
export async function pageAudience(db: Executor, list: AudienceSource, after: string | null, limit: number) {
  const { rows } = await sql<MemberRow>`
    SELECT a.kind, a.entity_id, a.email, a.name, a.company FROM (${audience(list)}) a
     WHERE ${after ? sql`a.entity_id > ${after}::uuid` : sql`true`}
     ORDER BY a.entity_id LIMIT ${limit}`.execute(db)
  return rows
}

export async function findAudienceMember(db: Executor, list: AudienceSource, entityId: string) {
  const { rows } = await sql<MemberRow>`
    SELECT a.kind, a.entity_id, a.email, a.name, a.company FROM (${audience(list)}) a WHERE a.entity_id = ${entityId}::uuid LIMIT 1`.execute(db)
  return rows[0]
}

/** Members whose e-mail is sealed (field encryption): the campaign opens them and materialises them apart. */
export async function sealedAudience(db: Executor, list: AudienceSource) {
  const { rows } = await sql<MemberRow>`
    SELECT a.kind, a.entity_id, a.email, a.name, a.company FROM (${audience(list)}) a
     WHERE a.email LIKE 'kenc:%' ORDER BY a.entity_id`.execute(db)
  return rows
}

export async function firstAudienceMemberWithEmail(db: Executor, list: AudienceSource) {
  const { rows } = await sql<MemberRow>`
    SELECT a.kind, a.entity_id, a.email, a.name, a.company FROM (${audience(list)}) a
     WHERE coalesce(trim(a.email), '') <> '' ORDER BY a.entity_id LIMIT 1`.execute(db)
  return rows[0]
}

/** Which of these ids are live rows of the given table. */
export async function liveIds(db: Executor, kind: MemberKind, ids: string[]) {
  if (ids.length === 0) return []
  const table = kind === 'customer' ? 'customers' : kind === 'contact' ? 'contacts' : 'leads'
  return (await db.selectFrom(table).select('id').where('id', 'in', ids).where('deletedAt', 'is', null).execute()).map((r) => r.id)
}

export async function insertMembers(db: Executor, rows: { listId: string; entityId: string; kind: MemberKind; createdBy: string | null }[]) {
  if (rows.length === 0) return 0
  const res = await db.insertInto('mailingListMembers').values(rows).onConflict((oc) => oc.columns(['listId', 'entityId']).doNothing()).executeTakeFirst()
  return Number(res.numInsertedOrUpdatedRows ?? 0)
}

export async function deleteMember(db: Executor, listId: string, entityId: string) {
  const res = await db.deleteFrom('mailingListMembers').where('listId', '=', listId).where('entityId', '=', entityId).executeTakeFirst()
  return Number(res.numDeletedRows)
}

/** Which of these records are already members of the list. */
export async function memberIdsAmong(db: Executor, listId: string, entityIds: string[]) {
  if (entityIds.length === 0) return []
  return (await db.selectFrom('mailingListMembers').select('entityId').where('listId', '=', listId).where('entityId', 'in', entityIds).execute()).map((r) => r.entityId)
}

/**
 * Adds many members in one statement, the rows as one JSON parameter (no per-value parameters, so
 * no cap on a batch); returns the ids actually added — a record already in the list is left as is.
 */
export async function insertMemberSet(db: Executor, listId: string, createdBy: string, members: { entityId: string; kind: MemberKind }[]) {
  if (members.length === 0) return []
  const { rows } = await sql<{ entityId: string }>`
    INSERT INTO mailing_list_members (list_id, entity_id, kind, created_by)
    SELECT ${listId}::uuid, m.entity_id, m.kind, ${createdBy}::uuid
      FROM jsonb_to_recordset(${JSON.stringify(members.map((m) => ({ entity_id: m.entityId, kind: m.kind })))}::jsonb) AS m(entity_id uuid, kind text)
    ON CONFLICT (list_id, entity_id) DO NOTHING
    RETURNING entity_id`.execute(db)
  return rows.map((r) => r.entityId)
}

/** Removes exactly these (list, record) pairs; returns the ids that were members. */
export async function deleteMemberSet(db: Executor, listId: string, entityIds: string[]) {
  if (entityIds.length === 0) return []
  return (await db.deleteFrom('mailingListMembers').where('listId', '=', listId).where('entityId', 'in', entityIds).returning('entityId').execute()).map((r) => r.entityId)
}
