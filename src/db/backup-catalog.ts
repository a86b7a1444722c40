import type { CopySession } from './copy-session'
import { quoteIdent } from './copy-session'

/**
 * What a backup holds, read from the catalog: every table of the public schema but the migration
 * bookkeeping (the restore brings the schema to the backup's migration with the migrator itself).
 * pg-boss's own schema is left out on purpose: its queue is work in flight of the source server
 * (sends, imports) that must not run a second time against the restored copy.
 */
const SKIPPED = ['kith_migrations', 'kith_migrations_lock']

export interface TableShape {
  name: string
  /** Stored columns in table order; generated columns are computed again on load. */
  columns: string[]
}

export interface SequenceValue {
  name: string
  lastValue: string
  isCalled: boolean
}

/** Tables in load order: a table after every table its foreign keys point at. */
export async function listTables(s: CopySession): Promise<TableShape[]> {
  const rows = await s.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT (c.relname = ANY($1))
      GROUP BY c.relname
      ORDER BY c.relname`,
    [SKIPPED],
  )
  const edges = await s.query<{ child: string; parent: string }>(
    `SELECT DISTINCT ch.relname AS child, pa.relname AS parent
       FROM pg_constraint k
       JOIN pg_class ch ON ch.oid = k.conrelid
       JOIN pg_class pa ON pa.oid = k.confrelid
      WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace AND k.conrelid <> k.confrelid`,
  )
  const parents = new Map<string, string[]>(rows.map((r) => [r.name, []]))
  for (const e of edges) parents.get(e.child)?.push(e.parent)
  const ordered: TableShape[] = []
  const placed = new Set<string>()
  const byName = new Map(rows.map((r) => [r.name, r]))
  const visit = (name: string, path: Set<string>) => {
    if (placed.has(name) || path.has(name)) return
    path.add(name)
    for (const p of parents.get(name) ?? []) visit(p, path)
    placed.add(name)
    const r = byName.get(name)
    if (r) ordered.push({ name: r.name, columns: r.columns })
  }
  for (const r of rows) visit(r.name, new Set())
  return ordered
}

export async function readSequences(s: CopySession): Promise<SequenceValue[]> {
  const names = await s.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'S' ORDER BY relname`,
  )
  const out: SequenceValue[] = []
  for (const { name } of names) {
    const [v] = await s.query<{ lastValue: string; isCalled: boolean }>(
      `SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${quoteIdent(name)}`,
    )
    out.push({ name, ...v })
  }
  return out
}

export async function writeSequence(s: CopySession, v: SequenceValue): Promise<void> {
  await s.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [quoteIdent(v.name), v.lastValue, v.isCalled])
}

/** Rows of each table, for the empty-target check and the tests' round trip. */
export async function countRows(s: CopySession, table: string): Promise<number> {
  const [r] = await s.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${quoteIdent(table)}`)
  return Number(r.n)
}

/**
 * The migrations applied, newest last; empty when the database was never migrated.
 * Read raw: Kysely's migrator would create its tables as a side effect.
 */
export async function appliedMigrations(s: CopySession): Promise<string[]> {
  const [t] = await s.query<{ exists: boolean }>(`SELECT to_regclass('public.kith_migrations') IS NOT NULL AS "exists"`)
  if (!t.exists) return []
  return (await s.query<{ name: string }>(`SELECT name FROM kith_migrations ORDER BY name`)).map((r) => r.name)
}

/**
 * Empties the tables for a load, inside the restore's transaction: user triggers (the touch and
 * count triggers that keep rollups) are off until `enableTriggers`, since the rollup tables come
 * from the backup as they were. Foreign keys stay checked.
 * The audit tables depend on this too: their insert trigger would re-chain every loaded row (so
 * anchors and exported files stop matching) and their guards refuse the TRUNCATE. ALTER TABLE
 * holds its lock to commit and a rollback undoes it, so no other session ever sees them off.
 */
export async function clearForLoad(s: CopySession, tables: string[]): Promise<void> {
  for (const t of tables) await s.query(`ALTER TABLE ${quoteIdent(t)} DISABLE TRIGGER USER`)
  if (tables.length) await s.query(`TRUNCATE ${tables.map(quoteIdent).join(', ')}`)
}

/**
 * Drops the indexes no constraint owns (search, sort and filter indexes) and returns how to build
 * them again: one bulk build after the load is many times faster than updating trigram GIN
 * indexes row by row. Primary keys and unique constraints stay, so keys are checked as rows load.
 */
export async function dropSecondaryIndexes(s: CopySession, tables: string[]): Promise<string[]> {
  const rows = await s.query<{ name: string; def: string }>(
    `SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_class ic ON ic.oid = i.indexrelid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY ic.relname`,
    [tables],
  )
  for (const r of rows) await s.query(`DROP INDEX ${quoteIdent(r.name)}`)
  return rows.map((r) => r.def)
}

/**
 * Drops the tables' foreign keys and returns the statements that add them back: adding one checks
 * every row in a single join, where a live key checks each loaded row with its own lookup.
 */
export async function dropForeignKeys(s: CopySession, tables: string[]): Promise<string[]> {
  const rows = await s.query<{ tbl: string; name: string; def: string }>(
    `SELECT c.relname AS tbl, k.conname AS name, pg_get_constraintdef(k.oid) AS def
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
      WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace AND c.relname = ANY($1)
      ORDER BY c.relname, k.conname`,
    [tables],
  )
  for (const r of rows) await s.query(`ALTER TABLE ${quoteIdent(r.tbl)} DROP CONSTRAINT ${quoteIdent(r.name)}`)
  return rows.map((r) => `ALTER TABLE ${quoteIdent(r.tbl)} ADD CONSTRAINT ${quoteIdent(r.name)} ${r.def}`)
}

export async function enableTriggers(s: CopySession, tables: string[]): Promise<void> {
  for (const t of tables) await s.query(`ALTER TABLE ${quoteIdent(t)} ENABLE TRIGGER USER`)
}

/** An order-independent digest of a table's rows (tests compare engines with it). */
export async function tableDigest(s: CopySession, table: string, columns: string[]): Promise<string> {
  const cols = columns.map(quoteIdent).join(', ')
  const [r] = await s.query<{ d: string | null }>(
    `SELECT md5(string_agg(x, E'\\n' ORDER BY x)) AS d FROM (SELECT (ROW(${cols}))::text AS x FROM ${quoteIdent(table)}) t`,
  )
  return r.d ?? 'empty'
}
