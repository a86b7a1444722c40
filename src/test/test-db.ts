import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type Database } from '../db/database'
import { migrateToLatest } from '../db/migrate'

/** Which engine this run uses: PGlite by default, the local PostgreSQL with TEST_DB=postgres. */
export const testEngine = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite'
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
export const TEMPLATE_DB = 'kith_test_template'

export const pgUrl = (database: string) => {
  const url = new URL(PG_ADMIN_URL)
  url.pathname = `/${database}`
  return url.toString()
}

export async function adminQuery(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL })
  await client.connect()
  try {
    await client.query(sqlText)
  } finally {
    await client.end()
  }
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or on PostgreSQL a clone of
 * the template that global set-up migrated (CREATE DATABASE … TEMPLATE is much faster than migrating).
 */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  if (testEngine === 'pglite') {
    const database = await openDatabase({ memory: true })
    await migrateToLatest(database.db)
    return database
  }
  const name = `kith_test_${randomBytes(6).toString('hex')}`
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`)
  const url = pgUrl(name)
  const database = await openDatabase({ databaseUrl: url, poolSize: 5 })
  return {
    ...database,
    url,
    close: async () => {
      await database.close()
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}
