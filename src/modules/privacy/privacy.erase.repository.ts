import { sql, type RawBuilder } from 'kysely'
import type { Executor } from '../../db/database'
import { ERASED } from './privacy.schema'
import { uuids } from './privacy.sections'

/** The writes of an erasure, one statement each; the service runs them in one transaction. */

const affected = (r: { numAffectedRows?: bigint }) => Number(r.numAffectedRows ?? 0)
const run = async (db: Executor, q: RawBuilder<unknown>) => affected(await q.execute(db))
const bump = sql`version = version + 1, updated_at = now()`

export const eraseCustomers = (db: Executor, ids: string[]) => run(db, sql`
  UPDATE customers SET name = ${ERASED}, email = NULL, phone = NULL, email_bidx = NULL, phone_bidx = NULL, phone_tails = NULL, company = NULL, website = NULL, address = NULL,
         description = NULL, tags = '{}', ${bump}
   WHERE id = ANY(${uuids(ids)})`)

export const eraseContacts = (db: Executor, ids: string[]) => run(db, sql`
  UPDATE contacts SET name = ${ERASED}, title = NULL, email = NULL, phone = NULL, email_bidx = NULL, phone_bidx = NULL, phone_tails = NULL, ${bump} WHERE id = ANY(${uuids(ids)})`)

// meta holds what the web form saw of the sender (address, browser).
export const eraseLeads = (db: Executor, ids: string[]) => run(db, sql`
  UPDATE leads SET name = ${ERASED}, company = NULL, title = NULL, email = NULL, phone = NULL, description = NULL,
         meta = '{}'::jsonb, ${bump}
   WHERE id = ANY(${uuids(ids)})`)

/** The person's timeline: what happened and when stays (counts, due dates), what was said goes. */
export const eraseActivities = (db: Executor, ids: string[]) => run(db, sql`
  UPDATE activities SET subject = ${ERASED}, body = NULL, ${bump} WHERE id = ANY(${uuids(ids)})`)

/** Tickets keep type, priority, status, times and the satisfaction score (SLA and CSAT reports); his words go. */
export const eraseTickets = (db: Executor, ids: string[]) => run(db, sql`
  UPDATE tickets SET subject = ${ERASED}, description = NULL, contact_name = NULL, contact_email = NULL, contact_phone = NULL,
         expected_resolution = NULL, resolution = NULL, satisfaction_comment = NULL, meta = meta - 'form', ${bump}
   WHERE id = ANY(${uuids(ids)})`)

/** The mails to him keep kind, state and times; the address and subject go, and what was not sent yet never is. */
export const eraseTicketMails = (db: Executor, ticketIds: string[]) => run(db, sql`
  UPDATE ticket_mails SET recipient = ${ERASED}, subject = CASE WHEN subject IS NULL THEN NULL ELSE ${ERASED} END, last_error = NULL,
         state = CASE WHEN state IN ('queued', 'sending') THEN 'failed' ELSE state END
   WHERE ticket_id = ANY(${uuids(ticketIds)})`)

export const eraseTicketComments = (db: Executor, ticketIds: string[]) => run(db, sql`
  UPDATE ticket_comments SET body = ${ERASED}, author_name = CASE WHEN author_name IS NULL THEN NULL ELSE ${ERASED} END
   WHERE ticket_id = ANY(${uuids(ticketIds)})`)

/**
 * Replaces the person's identifiers inside the text columns of rows that are not only his (a deal's
 * name, a quote's notes): amounts, stages and numbers stay. Versioned tables get a new version
 * (an editor holding the old text then meets a 409).
 */
export function scrubColumns(db: Executor, t: { table: string; idColumn: string; ids: string[]; columns: string[]; versioned: boolean }, pattern: string) {
  const sets = t.columns.map((c) => sql`${sql.ref(c)} = regexp_replace(${sql.ref(c)}, ${pattern}, ${ERASED}, 'gi')`)
  const matches = t.columns.map((c) => sql`${sql.ref(c)} ~* ${pattern}`)
  return run(db, sql`
    UPDATE ${sql.table(t.table)} SET ${sql.join(t.versioned ? [...sets, bump] : sets)}
     WHERE ${sql.ref(t.idColumn)} = ANY(${uuids(t.ids)}) AND (${sql.join(matches, sql` OR `)})`)
}

/**
 * Campaign recipients keep their state, opens and clicks (campaign reports count them); the address
 * becomes a per-row placeholder (unique per campaign, as the index asks) and never matches a real one.
 */
export const eraseRecipients = (db: Executor, where: RawBuilder<boolean>) => run(db, sql`
  UPDATE campaign_recipients SET email = 'erased:' || id::text, name = NULL, company = NULL, last_error = NULL WHERE ${where}`)

export const deleteMemberships = (db: Executor, where: RawBuilder<boolean>) => run(db, sql`DELETE FROM mailing_list_members WHERE ${where}`)

export const deleteSuppressions = (db: Executor, where: RawBuilder<boolean>) => run(db, sql`DELETE FROM suppressions WHERE ${where}`)

export const insertErasedKeys = (db: Executor, keys: string[]) => keys.length === 0 ? Promise.resolve(0) : run(db, sql`
  INSERT INTO suppressions (email, reason) SELECT k, 'erased' FROM unnest(${keys}::text[]) k ON CONFLICT (email) DO NOTHING`)

export async function selectJson<T>(db: Executor, table: string, columns: string[], where: RawBuilder<boolean>) {
  const { rows } = await sql<T>`SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM ${sql.table(table)} WHERE ${where}`.execute(db.withoutPlugins())
  return rows
}

export const updateTicketEvent = (db: Executor, id: string, before: unknown, after: unknown) => run(db, sql`
  UPDATE ticket_events SET before = ${JSON.stringify(before)}::jsonb, after = ${JSON.stringify(after)}::jsonb WHERE id = ${id}`)

export const updateImportRow = (db: Executor, r: { importId: string; rowNumber: number; before: unknown; cells: unknown; errors: unknown; erasedMatch: boolean }) => run(db, sql`
  UPDATE import_rows SET before = ${JSON.stringify(r.before)}::jsonb, cells = ${JSON.stringify(r.cells)}::jsonb, errors = ${JSON.stringify(r.errors)}::jsonb,
         match_key = CASE WHEN ${r.erasedMatch} AND match_key IS NOT NULL THEN ${ERASED} ELSE match_key END,
         match_name = CASE WHEN ${r.erasedMatch} AND match_name IS NOT NULL THEN ${ERASED} ELSE match_name END
   WHERE import_id = ${r.importId} AND row_number = ${r.rowNumber}`)

/** Imports still holding their uploaded file whose bytes carry one of the terms (CSV and vCard are plain text). */
export async function uploadsMentioning(db: Executor, terms: string[]) {
  if (!terms.length) return []
  const { rows } = await sql<{ id: string; status: string }>`
    SELECT i.id, i.status FROM imports i
     WHERE EXISTS (SELECT 1 FROM import_chunks c, unnest(${terms}::text[]) t
                    WHERE c.import_id = i.id AND position(convert_to(t, 'UTF8') IN c.data) > 0)`.execute(db)
  return rows
}

export const deleteUpload = (db: Executor, importId: string) => run(db, sql`DELETE FROM import_chunks WHERE import_id = ${importId}`)

export const failImport = (db: Executor, importId: string, error: string) => run(db, sql`
  UPDATE imports SET status = 'failed', phase = NULL, error = ${error}, finished_at = now(), updated_at = now(), version = version + 1 WHERE id = ${importId}`)
