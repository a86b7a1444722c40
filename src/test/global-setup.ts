import { execSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../db/database'
import { migrateToLatest } from '../db/migrate'
import { adminQuery, pgUrl, TEMPLATE_DB, testEngine } from './test-engine'

async function ensurePostgresUp(): Promise<void> {
  try {
    await adminQuery('SELECT 1')
  } catch {
    // CI starts from a clean machine: bring the local cluster up as the service would.
    execSync('pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start', { stdio: 'inherit', shell: '/bin/bash' })
    await adminQuery('SELECT 1')
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string | null
  }
}

let snapshotFile: string | null = null

/**
 * PGlite's initdb costs seconds per test file; loading a dumped, migrated data directory a third
 * of that. Each file still gets its own in-memory database.
 */
async function writePgliteSnapshot(): Promise<string> {
  const database = await openDatabase({ memory: true })
  await migrateToLatest(database.db)
  const blob = await database.dumpDataDir!()
  await database.close()
  const file = path.join(os.tmpdir(), `kith-test-pglite-${randomBytes(6).toString('hex')}.tar`)
  await writeFile(file, Buffer.from(await blob.arrayBuffer()))
  return file
}

/** On PostgreSQL: one migrated template database that each test file clones. On PGlite: a migrated snapshot. */
export async function setup(project: TestProject): Promise<void> {
  if (testEngine === 'pglite') {
    snapshotFile = await writePgliteSnapshot()
    project.provide('pgliteSnapshot', snapshotFile)
    return
  }
  project.provide('pgliteSnapshot', null)
  await ensurePostgresUp()
  await adminQuery(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`)
  await adminQuery(`CREATE DATABASE ${TEMPLATE_DB}`)
  const database = await openDatabase({ databaseUrl: pgUrl(TEMPLATE_DB), poolSize: 1 })
  await migrateToLatest(database.db)
  await database.close()
}

export async function teardown(): Promise<void> {
  if (snapshotFile) await rm(snapshotFile, { force: true })
  if (testEngine !== 'postgres') return
  await adminQuery(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`)
}
