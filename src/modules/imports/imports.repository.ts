import { sql, type Insertable, type RawBuilder, type Updateable } from 'kysely'
import type { Executor } from '../../db/database'
import { scopeCondition } from '../../db/scope'
import type { Scope } from '../../server/permissions'
import type { ImportRowsTable, ImportsTable } from './imports.table'

export const insertImport = (db: Executor, row: Insertable<ImportsTable>) => db.insertInto('imports').values(row).execute()

// Options are read as text: the camelCase plugin would rename the keys of a JSON value, and
// mapping keys are the file's own headers ("opportunity_id" must stay as it is).
const withOptions = <R extends { optionsJson: string | null }>(r: R | undefined) => {
  if (!r) return undefined
  const { optionsJson, ...rest } = r
  return { ...rest, options: optionsJson === null ? null : (JSON.parse(optionsJson) as Record<string, unknown>) }
}
const importColumns = (db: Executor) => db.selectFrom('imports').selectAll().select(sql<string | null>`options::text`.as('optionsJson'))

export const findImport = async (db: Executor, id: string) => withOptions(await importColumns(db).where('id', '=', id).executeTakeFirst())

export const lockImport = async (db: Executor, id: string) => withOptions(await importColumns(db).where('id', '=', id).forUpdate().executeTakeFirst())

export const updateImport = (db: Executor, id: string, patch: Updateable<ImportsTable>) =>
  db.updateTable('imports').set({ ...patch, updatedAt: sql`now()`, version: sql`version + 1` }).where('id', '=', id).execute()

/** A run of the import job starts: it takes the next epoch (its fencing token). Undefined: the import is not running. */
export const beginRun = async (db: Executor, id: string) =>
  (await db.updateTable('imports').set({ runEpoch: sql`run_epoch + 1` }).where('id', '=', id).where('status', '=', 'running').returning('runEpoch').executeTakeFirst())?.runEpoch

/**
 * Locks the import for this transaction if `epoch` is still its run's: a newer run's beginRun then
 * waits for this transaction, so whatever it writes after this check cannot interleave with that
 * run. False: a newer run took over (this one was taken for dead); write nothing.
 */
export const lockRun = async (db: Executor, id: string, epoch: number) =>
  (await db.selectFrom('imports').select('id').where('id', '=', id).where('runEpoch', '=', epoch).forUpdate().executeTakeFirst()) !== undefined

/**
 * Adds a committed batch's counts and moves the resume point, in the batch's transaction, only if
 * this run still holds the import (`epoch`) and the batch follows the last committed one (`from`):
 * false means another run wrote or is writing these rows, and the caller must roll its batch back.
 */
export const addProgress = async (db: Executor, id: string, epoch: number, from: number, p: { row: number; processed: number; created: number; updated: number; unchanged: number; merged: number; skipped: number; invalid: number }) => {
  const res = await db
    .updateTable('imports')
    .set({
      committedRow: p.row,
      processedRows: sql`processed_rows + ${p.processed}`,
      createdCount: sql`created_count + ${p.created}`,
      updatedCount: sql`updated_count + ${p.updated}`,
      skippedCount: sql`skipped_count + ${p.skipped}`,
      unchangedCount: sql`unchanged_count + ${p.unchanged}`,
      mergedCount: sql`merged_count + ${p.merged}`,
      invalidCount: sql`invalid_count + ${p.invalid}`,
      updatedAt: sql`now()`,
    })
    .where('id', '=', id)
    .where('runEpoch', '=', epoch)
    .where('committedRow', '=', from)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export const listImports = async (db: Executor, f: { createdBy?: string; after?: { at: Date; id: string }; limit: number }) => {
  let q = importColumns(db)
  if (f.createdBy) q = q.where('createdBy', '=', f.createdBy)
  if (f.after) q = q.where(sql<boolean>`(created_at, id) < (${f.after.at}, ${f.after.id}::uuid)`)
  return (await q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute()).map((r) => withOptions(r)!)
}

export const insertChunk = (db: Executor, importId: string, seq: number, data: Buffer) =>
  db.insertInto('importChunks').values({ importId, seq, data }).execute()

export const readChunk = async (db: Executor, importId: string, seq: number) =>
  (await db.selectFrom('importChunks').select('data').where('importId', '=', importId).where('seq', '=', seq).executeTakeFirst())?.data

export const readChunks = async (db: Executor, importId: string, first: number, last: number) =>
  (await db.selectFrom('importChunks').select('data').where('importId', '=', importId).where('seq', '>=', first).where('seq', '<=', last).orderBy('seq').execute()).map((r) => Buffer.from(r.data))

/** Statuses of a wizard attempt that was analysed (or began to be) but never started. */
export const DRAFT_STATUSES = ['analyzing', 'ready']

/**
 * Deletes up to `limit` drafts untouched since `before`, their stored file and journal with them
 * (ON DELETE CASCADE), oldest first, by imports_draft_idx. A draft started meanwhile is no longer
 * one when the DELETE rechecks its row, and stays.
 */
export const deleteDrafts = (db: Executor, before: Date, limit: number) =>
  db
    .deleteFrom('imports')
    .where('id', 'in', (eb) =>
      eb.selectFrom('imports').select('id').where('status', 'in', DRAFT_STATUSES).where('updatedAt', '<', before).orderBy('updatedAt').limit(limit),
    )
    .where('status', 'in', DRAFT_STATUSES)
    .returning(['id', 'fileName', 'createdBy'])
    .execute()

export const deleteChunks = (db: Executor, importId: string) => db.deleteFrom('importChunks').where('importId', '=', importId).execute()

export const insertJournal = (db: Executor, rows: Insertable<ImportRowsTable>[]) =>
  rows.length === 0 ? Promise.resolve() : db.insertInto('importRows').values(rows).onConflict((oc) => oc.columns(['importId', 'rowNumber']).doNothing()).execute()

export const deleteJournal = (db: Executor, importId: string, outcomes: ('invalid' | 'duplicate')[]) =>
  db.deleteFrom('importRows').where('importId', '=', importId).where('outcome', 'in', outcomes).execute()

/** The first imported rows that carry warnings (import_rows_warnings_idx). */
export const warningRows = (db: Executor, importId: string, limit: number) =>
  db
    .selectFrom('importRows')
    .select(['rowNumber', 'errors'])
    .where('importId', '=', importId)
    .where('errors', 'is not', null)
    .where('outcome', '<>', 'invalid')
    .orderBy('rowNumber')
    .limit(limit)
    .execute()

/** One page of the journal by outcome, in row order (keyset on row_number). */
export const journalPage = (db: Executor, importId: string, outcomes: ('created' | 'updated' | 'invalid' | 'duplicate')[], afterRow: number, limit: number) =>
  db
    .selectFrom('importRows')
    .selectAll()
    .where('importId', '=', importId)
    .where('outcome', 'in', outcomes)
    .where('rowNumber', '>', afterRow)
    .orderBy('rowNumber')
    .limit(limit)
    .execute()

/** `expression = ANY(keys)` with the keys as one array parameter: see withGenericPlan. */
const anyOf = (expression: RawBuilder<unknown>, keys: string[]) => sql<boolean>`${expression} = ANY(${keys}::text[])`

/**
 * Runs a lookup of many keys (a batch's e-mails, names, SKUs) with a generic plan. Planned for the
 * keys themselves, 5,000 of them cost 25 ms of estimating one by one, and the estimate (4 random
 * reads a key) made a sequential scan of a 200,000-row table look cheaper than the index: 75 ms a
 * batch instead of 8.
 */
async function withGenericPlan<T>(db: Executor, run: (trx: Executor) => Promise<T>): Promise<T> {
  if (!db.isTransaction) return db.transaction().execute((trx) => withGenericPlan(trx, run))
  await sql`SET LOCAL plan_cache_mode = force_generic_plan`.execute(db)
  const result = await run(db)
  await sql`SET LOCAL plan_cache_mode = DEFAULT`.execute(db)
  return result
}

/** Active users named by e-mail or name (any case): owner columns. */
export const findUsersByKey = (db: Executor, keys: string[]) =>
  keys.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('users')
        .select(['id', 'email', 'name', 'teamId', 'active'])
        .where((eb) => eb.or([eb(sql`lower(email)`, 'in', keys), eb(sql`lower(name)`, 'in', keys)]))
        .execute()

/** Visible customers named by e-mail or name (any case): customer columns of contacts and deals. */
export const findCustomersByKey = (db: Executor, keys: string[], scope: Scope, emailIndexes: string[] = []) => {
  if (keys.length === 0) return Promise.resolve([])
  return withGenericPlan(db, (trx) => {
    let q = trx
      .selectFrom('customers as c')
      .select(['c.id', 'c.name', 'c.email', 'c.ownerId', 'c.teamId'])
      .where('c.deletedAt', 'is', null)
      .where('c.mergedInto', 'is', null)
      // A sealed e-mail is matched by its blind index (field encryption).
      .where((eb) => eb.or([anyOf(sql`lower(c.email)`, keys), anyOf(sql`lower(c.name)`, keys), ...(emailIndexes.length ? [anyOf(sql`c.email_bidx`, emailIndexes)] : [])]))
    const s = scopeCondition(scope, 'c')
    if (s) q = q.where(s)
    return q.execute()
  })
}

export interface DedupeLookup {
  table: 'customers' | 'contacts' | 'leads' | 'opportunities' | 'products'
  by: 'email' | 'phone' | 'name' | 'sku'
  keys: string[]
  /** The caller's read scope (contacts: their customer's); undefined = every record (products). */
  scope: Scope | undefined
  forUpdate: boolean
  /** The keys' blind indexes, when the e-mail or phone is encrypted: sealed values match by these. */
  indexes?: string[]
}

/**
 * Live records matching any of the keys, each arm an index lookup (lower(email), phone,
 * lower(name)). Rows come back whole: an update's before-image is taken from them.
 */
export function findDuplicates(db: Executor, l: DedupeLookup) {
  if (l.keys.length === 0) return Promise.resolve([] as Record<string, any>[])
  return withGenericPlan(db, (trx) => lookUpDuplicates(trx, l))
}

function lookUpDuplicates(db: Executor, l: DedupeLookup) {
  let q = (db as any).selectFrom(`${l.table} as t`).selectAll('t').where('t.deletedAt', 'is', null)
  if (l.table === 'customers') q = q.where('t.mergedInto', 'is', null)
  // A contact has no owner of its own: it is visible (and writable) through its customer's.
  if (l.table === 'contacts') q = q.innerJoin('customers as c', 'c.id', 't.customerId').select(['c.ownerId as customerOwnerId', 'c.teamId as customerTeamId'])
  const column = l.by === 'email' ? sql`lower(t.email)` : l.by === 'phone' ? sql`t.phone` : l.by === 'sku' ? sql`lower(t.sku)` : sql`lower(t.name)`
  const blind = l.indexes?.length && (l.by === 'email' || l.by === 'phone') ? sql`t.${sql.raw(l.by === 'email' ? 'email_bidx' : 'phone_bidx')}` : null
  q = q.where(blind ? sql`(${anyOf(column, l.keys)} OR ${anyOf(blind, l.indexes!)})` : anyOf(column, l.keys))
  if (l.scope !== undefined) {
    const s = scopeCondition(l.scope, l.table === 'contacts' ? 'c' : 't')
    if (s) q = q.where(s)
  }
  if (l.forUpdate) q = q.forUpdate(l.table === 'contacts' ? ['t'] : undefined)
  return q.orderBy('t.id').execute() as Promise<Record<string, any>[]>
}

export const insertRecords = (db: Executor, table: string, rows: Record<string, unknown>[]) =>
  rows.length === 0 ? Promise.resolve() : (db as any).insertInto(table).values(rows).execute()

const snakeNames = new Map<string, string>()
/** Column name of a key; remembered, since a batch asks it for every cell. */
const snake = (k: string) => {
  let c = snakeNames.get(k)
  if (c === undefined) snakeNames.set(k, (c = k.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)))
  return c
}

/**
 * Set-based insert of many rows in one statement with one parameter: the rows go as a JSON array
 * and PostgreSQL types them by the table's row type (jsonb_populate_recordset), so a batch of
 * thousands of rows costs one round trip and no per-value parameters (no 65,535-parameter cap).
 * Values are JS values, not pre-serialised JSON: objects land in jsonb columns, arrays in array
 * columns, Dates as ISO text in timestamptz. Rows are grouped by the keys they set, so a column a
 * row leaves out keeps its DEFAULT, as with a multi-row VALUES insert.
 */
export const insertSet = (db: Executor, table: string, rows: Record<string, unknown>[], onConflictDoNothing?: string[]) =>
  setInsert(table, rows, onConflictDoNothing)(db)

/** insertSet with its statements built now and sent when called (built while another statement runs). */
export function setInsert(table: string, rows: Record<string, unknown>[], onConflictDoNothing?: string[]): (db: Executor) => Promise<void> {
  const groups = new Map<string, { cols: string[]; rows: Record<string, unknown>[] }>()
  for (const r of rows) {
    const cols: string[] = []
    const out: Record<string, unknown> = {}
    for (const k in r) {
      const v = r[k]
      if (v === undefined) continue
      const c = snake(k)
      cols.push(c)
      out[c] = v
    }
    const sig = cols.join(',')
    let g = groups.get(sig)
    if (!g) groups.set(sig, (g = { cols, rows: [] }))
    g.rows.push(out)
  }
  const conflict = onConflictDoNothing ? sql` ON CONFLICT (${sql.join(onConflictDoNothing.map((c) => sql.id(snake(c))))}) DO NOTHING` : sql``
  const statements = [...groups.values()].map((g) => {
    const cols = sql.join(g.cols.map((c) => sql.id(c)))
    return sql`INSERT INTO ${sql.table(table)} (${cols}) SELECT ${cols} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(g.rows)}::jsonb)${conflict}`
  })
  return async (db) => {
    for (const statement of statements) await statement.execute(db)
  }
}

/** Journal rows with before/cells/errors as values (not JSON text), set-based in one statement. */
export const insertJournalSet = (db: Executor, rows: Record<string, unknown>[]) => journalInsert(rows)(db)

/** insertJournalSet built now, sent when called. */
export const journalInsert = (rows: Record<string, unknown>[]) => setInsert('import_rows', rows, ['importId', 'rowNumber'])

/** One import update; false when the record moved on (its version is not the expected one). */
export async function updateRecord(db: Executor, table: string, id: string, expectedVersion: number, patch: Record<string, unknown>): Promise<boolean> {
  const res = await (db as any)
    .updateTable(table)
    .set({ ...patch, updatedAt: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** Soft-deletes the records an import created, unless changed since (version 1); returns the ids it removed. */
export async function softDeleteUnchanged(db: Executor, table: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await (db as any)
    .updateTable(table)
    .set({ deletedAt: sql`now()`, updatedAt: sql`now()`, version: sql`version + 1` })
    .where('id', 'in', ids)
    .where('version', '=', 1)
    .where('deletedAt', 'is', null)
    .returning('id')
    .execute()
  return rows.map((r: { id: string }) => r.id)
}

export const stagesForImport = (db: Executor) =>
  db.selectFrom('pipelineStages').select(['key', 'name', 'nameEn', 'probability', 'kind']).where('deletedAt', 'is', null).orderBy('position').execute()

export const customersWithPrimary = async (db: Executor, customerIds: string[]) =>
  (await db.selectFrom('contacts').select('customerId').distinct().where('customerId', 'in', customerIds).where('isPrimary', '=', true).where('deletedAt', 'is', null).execute()).map((r) => r.customerId)

export const deleteImport = (db: Executor, id: string) => db.deleteFrom('imports').where('id', '=', id).execute()

export const userLocale = async (db: Executor, id: string) =>
  (await db.selectFrom('users').select('locale').where('id', '=', id).executeTakeFirst())?.locale ?? undefined

export const findActor = (db: Executor, id: string) =>
  db.selectFrom('users').select(['id', 'role', 'teamId', 'active']).where('id', '=', id).executeTakeFirst()

/**
 * Live records of one table with any of these e-mails (lower-cased keys), oldest first: the
 * records a mailing-list-members import adds. A contact counts only while its customer lives
 * (a list's audience leaves it out otherwise).
 */
export function findByEmails(db: Executor, table: 'contacts' | 'leads' | 'customers', keys: string[], indexes: string[] = []): Promise<{ id: string; name: string; email: string }[]> {
  if (keys.length === 0) return Promise.resolve([])
  const email = sql<string>`lower(t.email)`
  const columns = ['t.id', 't.name', sql<string>`t.email`.as('email')] as const
  // A sealed e-mail is matched by its blind index (the caller opens and lower-cases what comes back).
  const match = indexes.length ? sql<boolean>`(${anyOf(email, keys)} OR ${anyOf(sql`t.email_bidx`, indexes)})` : anyOf(email, keys)
  return withGenericPlan(db, (trx) => {
    if (table === 'contacts') {
      return trx.selectFrom('contacts as t').innerJoin('customers as c', 'c.id', 't.customerId').select(columns)
        .where('t.deletedAt', 'is', null).where('c.deletedAt', 'is', null).where(match).orderBy('t.id').execute()
    }
    if (table === 'customers') {
      return trx.selectFrom('customers as t').select(columns)
        .where('t.deletedAt', 'is', null).where('t.mergedInto', 'is', null).where(match).orderBy('t.id').execute()
    }
    return trx.selectFrom('leads as t').select(columns).where('t.deletedAt', 'is', null).where(match).orderBy('t.id').execute()
  })
}
