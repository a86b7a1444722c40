import { sql } from 'kysely'
import type { Db } from '../db/database'

/**
 * Runs `fn` with audit_log's triggers off, as a database superuser could (tests connect as one):
 * how tests tamper with the log, or set up rows the application could never write (an old `at`).
 * One transaction, so the triggers are never left off.
 */
export async function asSuperuser<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(trx)
    const result = await fn(trx as unknown as Db)
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(trx)
    return result
  })
}
