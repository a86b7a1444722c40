import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import type { AuditQuery } from './audit.schema'

export interface NewAuditRow {
  id: string
  actorId: string | null
  action: string
  entity: string
  entityId: string | null
  changes: Record<string, unknown> | null
  requestId: string | null
  ip: string | null
}

export async function insertAudit(db: Executor, rows: NewAuditRow[]): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('auditLog')
    .values(rows.map((r) => ({ ...r, changes: r.changes === null ? null : JSON.stringify(r.changes) })))
    .execute()
}

/**
 * The same rows as insertAudit in one statement with one parameter: the rows go as a JSON array
 * typed by the table's row type (jsonb_populate_recordset), so thousands of rows (an import
 * batch) cost one round trip and no per-value parameters; `changes` lands as jsonb, `at` by default.
 * The JSON is built now and the statement sent when the returned function is called, so it can be
 * built while another statement runs.
 */
export function auditSetInsert(rows: NewAuditRow[]): (db: Executor) => Promise<void> {
  if (rows.length === 0) return async () => {}
  const json = JSON.stringify(rows.map((r) => ({ id: r.id, actor_id: r.actorId, action: r.action, entity: r.entity, entity_id: r.entityId, changes: r.changes, request_id: r.requestId, ip: r.ip })))
  const statement = sql`INSERT INTO audit_log (id, actor_id, action, entity, entity_id, changes, request_id, ip)
    SELECT id, actor_id, action, entity, entity_id, changes, request_id, ip FROM jsonb_populate_recordset(NULL::audit_log, ${json}::jsonb)`
  return async (db) => {
    await statement.execute(db)
  }
}

export interface AuditFilter extends Omit<AuditQuery, 'cursor' | 'from' | 'to'> {
  from?: Date
  to?: Date
  after?: { at: Date; id: string }
  /** Only rows about records this owner or team may read (a manager's); unset: every row. */
  about?: { ownerId: string; teamId: string | null }
}

/** Entities every signed-in role reads: the shared catalog, and tickets (a manager works every ticket). */
const READ_BY_ALL = ['product', 'pipeline_stage', 'ticket', 'ticket_comment']

/**
 * The rows whose record `who` may read, as the record's own list would filter it: customers,
 * leads, deals and activities by their owner or team; contacts, quotes and orders (and an
 * activity of a visible customer) through their customer. Users, teams, settings, tokens and sign-ins
 * are about no such record: they stay the admins'.
 */
function aboutVisible(who: { ownerId: string; teamId: string | null }) {
  const mine = (t: string) => sql`(${sql.ref(`${t}.owner_id`)} = ${who.ownerId}::uuid OR ${sql.ref(`${t}.team_id`)} = ${who.teamId}::uuid)`
  const owned = (entity: string, table: string) =>
    sql`(a.entity = ${entity} AND EXISTS (SELECT 1 FROM ${sql.table(table)} r WHERE r.id = a.entity_id AND ${mine('r')}))`
  const viaCustomer = (entity: string, table: string) =>
    sql`(a.entity = ${entity} AND EXISTS (SELECT 1 FROM ${sql.table(table)} r JOIN customers c ON c.id = r.customer_id WHERE r.id = a.entity_id AND ${mine('c')}))`
  return sql<boolean>`(a.entity = ANY(${READ_BY_ALL}::text[])
    OR ${owned('customer', 'customers')} OR ${owned('lead', 'leads')} OR ${owned('opportunity', 'opportunities')} OR ${owned('activity', 'activities')}
    OR ${viaCustomer('contact', 'contacts')} OR ${viaCustomer('quote', 'quotes')} OR ${viaCustomer('order', 'orders')} OR ${viaCustomer('activity', 'activities')})`
}

export async function listAudit(db: Executor, f: AuditFilter) {
  let q = db
    .selectFrom('auditLog as a')
    .leftJoin('users as u', 'u.id', 'a.actorId')
    .select(['a.id', 'a.at', 'a.actorId', 'u.name as actorName', 'a.action', 'a.entity', 'a.entityId', 'a.changes', 'a.requestId'])
  if (f.entity) q = q.where('a.entity', '=', f.entity)
  if (f.entityId) q = q.where('a.entityId', '=', f.entityId)
  if (f.actorId) q = q.where('a.actorId', '=', f.actorId)
  if (f.about) q = q.where(aboutVisible(f.about))
  if (f.from) q = q.where('a.at', '>=', f.from)
  if (f.to) q = q.where('a.at', '<', f.to)
  if (f.after) {
    const { at, id } = f.after
    q = q.where((eb) => eb.or([eb('a.at', '<', at), eb.and([eb('a.at', '=', at), eb('a.id', '<', id)])]))
  }
  return q.orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(f.limit + 1).execute()
}

/** The rows of one record that created it or changed one of `fields` (top-level keys of `changes`), newest first. */
export function listEntityChanges(db: Executor, f: { entity: string; entityId: string; fields: string[]; limit: number }) {
  return db
    .selectFrom('auditLog as a')
    .leftJoin('users as u', 'u.id', 'a.actorId')
    .select(['a.id', 'a.at', 'a.actorId', 'u.name as actorName', 'a.action', 'a.changes'])
    .where('a.entity', '=', f.entity)
    .where('a.entityId', '=', f.entityId)
    .where((eb) => eb.or([eb('a.action', '=', 'create'), sql<boolean>`a.changes ?| ARRAY[${sql.join(f.fields)}]::text[]`]))
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(f.limit)
    .execute()
}

/**
 * Used by audit.redact.ts only: the sole change of an audit row, through audit_redact
 * (migration 2026_12_08_0240), which lists the row in audit_redactions and rewrites `changes` and `ip` only.
 */
export async function redactAuditRow(db: Executor, id: string, changes: Record<string, unknown> | null, clearIp: boolean, reason: Record<string, unknown>) {
  await sql`SELECT audit_redact(${id}::uuid, ${changes === null ? null : JSON.stringify(changes)}::jsonb, ${clearIp}, ${JSON.stringify(reason)}::jsonb)`.execute(db)
}
