import { sql } from 'kysely'
import type { Executor } from './database'
import { acceptDatabaseZones } from '../lib/time-zone'

/**
 * Tells lib/time-zone which zone names this database accepts (`AT TIME ZONE`, `SET TIME ZONE`),
 * so a name Intl still knows but the database's tz data dropped is a 400 where it is given, not a
 * 500 in the first query that counts days in it. Read once per process and database.
 */
export async function loadDatabaseZones(db: Executor): Promise<void> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM pg_timezone_names`.execute(db)
  acceptDatabaseZones(rows.map((r) => r.name))
}
