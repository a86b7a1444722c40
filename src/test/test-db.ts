import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { inject } from 'vitest'
import { openDatabase, type Database } from '../db/database'
import { adminQuery, pgUrl, TEMPLATE_DB, testEngine } from './test-engine'

/**
 * A fresh, migrated database for one test file: an in-memory PGlite loaded from the snapshot global
 * set-up migrated, or on PostgreSQL a clone of its template database (both much faster than migrating).
 */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  if (testEngine === 'pglite') {
    const snapshot = inject('pgliteSnapshot')
    if (!snapshot) throw new Error('the PGlite snapshot of global set-up is missing (run through vitest.config.ts)')
    return openDatabase({ memory: true, loadDataDir: new Blob([await readFile(snapshot)]) })
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
