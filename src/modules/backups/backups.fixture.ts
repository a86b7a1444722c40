import { sql } from 'kysely'
import type { Database } from '../../db/database'
import { listTables, readSequences, tableDigest, countRows } from '../../db/backup-catalog'
import { seedBulk } from '../../seed/bulk'
import { insertContact, insertCustomer } from '../../test/factories'

/** Rows of many kinds, values COPY must escape, and numbering that has moved on. */
export async function fillForBackup(database: Database, customers = 200): Promise<void> {
  await seedBulk(database, { customers, contacts: customers, opportunities: customers / 2, activities: customers })
  const c = await insertCustomer(database.db, { name: 'Tab\there, back\\slash, new\nline, 北京 "quoted" \u00a0', email: null, tags: ['a,b', '{x}', 'NULL', ''] })
  await insertContact(database.db, c.id, { name: '\\N is not null', email: null })
  for (let i = 0; i < 5; i++) await sql`SELECT nextval('ticket_number_seq')`.execute(database.db)
  // Quote numbers continue from this counter after a restore.
  await sql`INSERT INTO document_counters (kind, year, last) VALUES ('quote', 2026, 41)`.execute(database.db)
}

export interface Snapshot {
  tables: Record<string, { rows: number; digest: string }>
  sequences: Record<string, string>
}

/** Per table: rows and an order-independent digest of their values; per sequence: where it stands. */
export async function snapshot(database: Database): Promise<Snapshot> {
  return database.copySession(async (s) => {
    const tables: Snapshot['tables'] = {}
    for (const t of await listTables(s)) tables[t.name] = { rows: await countRows(s, t.name), digest: await tableDigest(s, t.name, t.columns) }
    const sequences: Snapshot['sequences'] = {}
    for (const v of await readSequences(s)) sequences[v.name] = `${v.lastValue}/${v.isCalled}`
    return { tables, sequences }
  })
}
