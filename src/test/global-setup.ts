import { execSync } from 'node:child_process'
import { openDatabase } from '../db/database'
import { migrateToLatest } from '../db/migrate'
import { adminQuery, pgUrl, TEMPLATE_DB, testEngine } from './test-db'

async function ensurePostgresUp(): Promise<void> {
  try {
    await adminQuery('SELECT 1')
  } catch {
    // CI starts from a clean machine: bring the local cluster up as the service would.
    execSync('pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start', { stdio: 'inherit', shell: '/bin/bash' })
    await adminQuery('SELECT 1')
  }
}

/** On PostgreSQL: one migrated template database that each test file clones. */
export async function setup(): Promise<void> {
  if (testEngine !== 'postgres') return
  await ensurePostgresUp()
  await adminQuery(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`)
  await adminQuery(`CREATE DATABASE ${TEMPLATE_DB}`)
  const database = await openDatabase({ databaseUrl: pgUrl(TEMPLATE_DB), poolSize: 1 })
  await migrateToLatest(database.db)
  await database.close()
}

export async function teardown(): Promise<void> {
  if (testEngine !== 'postgres') return
  await adminQuery(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`)
}
