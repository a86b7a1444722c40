import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database, Db } from '../../db/database'
import { newId } from '../../lib/ids'
import { createServices } from '../../services'
import { createTestDatabase } from '../../test/test-db'
import { insertCustomer } from '../../test/factories'
import { exportAudit } from '../audit/audit.export'
import { recordAudit } from '../audit/audit.service'
import { createBackup } from './backup.create'
import { restoreBackup } from './backup.restore'
import { fillForBackup } from './backups.fixture'

/**
 * The audit chain and field encryption through a backup: a restore must load the audit tables as
 * they were (their insert trigger would otherwise re-chain every row, and their guards refuse the
 * clearing --force needs), and bring the wrapped data keys along.
 */
const MASTER = randomBytes(32)
const EXPORT_SECRET = 'backup-audit-test-secret-0123456789'
const ctx = { actor: null, requestId: 'backup-audit-test' }
const servicesOf = (db: Db) => createServices(db, { defaultRegion: 'CN', loginMaxAttempts: 10, encryptionKey: MASTER })

let dir: string
let source: Database
let file: string
let sealed: { rowId: string; value: string }

/** Each transaction's rows, so several chains and seqs are in play. */
async function writeAudit(db: Db, transactions: number, perTransaction = 3) {
  for (let i = 0; i < transactions; i++) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, ctx, Array.from({ length: perTransaction }, (_, n) => ({ action: 'update', entity: 'probe', entityId: newId(), changes: { n: { before: n, after: `é ${i}` } } }))),
    )
  }
}

/** Exports every row so far and removes it: the chain then starts from an anchor. */
async function exportAndRemove(db: Db, name: string) {
  const result = await exportAudit(db, { before: new Date(Date.now() + 60_000), out: join(dir, name), secret: EXPORT_SECRET, remove: true })
  expect(result.removed).toBeGreaterThan(0)
}

async function auditState(db: Db) {
  const rows = await sql<Record<string, unknown>>`
    SELECT id, chain, seq::text, encode(prev_hash, 'hex') AS prev, encode(hash, 'hex') AS hash FROM audit_log ORDER BY chain, seq`.execute(db)
  const chains = await sql<Record<string, unknown>>`SELECT chain, seq::text, encode(hash, 'hex') AS hash FROM audit_chains ORDER BY chain`.execute(db)
  const anchors = await sql<Record<string, unknown>>`SELECT chain, seq::text, encode(hash, 'hex') AS hash, file_digest FROM audit_chain_anchors ORDER BY chain, seq`.execute(db)
  const verifications = await sql<Record<string, unknown>>`SELECT id, status, heads::text FROM audit_verifications ORDER BY id`.execute(db)
  return { rows: rows.rows, chains: chains.rows, anchors: anchors.rows, verifications: verifications.rows }
}

let before: Awaited<ReturnType<typeof auditState>>

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kith-backup-audit-'))
  source = await createTestDatabase()
  // The bulk seed writes deals' audit rows in bulk: they must be chained like any other.
  await fillForBackup(source, 20)
  await writeAudit(source.db, 4)
  await exportAndRemove(source.db, 'source-export.jsonl')
  await writeAudit(source.db, 3)
  const services = servicesOf(source.db)
  expect((await services.auditIntegrity.runNow()).ok).toBe(true)
  await services.encryption.keyring.check()
  const rowId = newId()
  sealed = { rowId, value: String(await services.encryption.convert('tickets.description', rowId, '客户投诉 desc-5e1c', 'sealed')) }
  expect(sealed.value).toMatch(/^kenc:v1:/)
  before = await auditState(source.db)
  expect(before.anchors.length).toBeGreaterThan(0)
  expect(before.rows.length).toBeGreaterThan(0)
  file = join(dir, 'audit.kbk')
  await createBackup(source, file)
}, 180_000)

afterAll(async () => {
  await source?.close()
  await rm(dir, { recursive: true, force: true })
})

/** What a restored database must show: the source's chains exactly, verifying clean, its keys opening. */
async function expectRestoredWhole(target: Database) {
  expect(await auditState(target.db)).toEqual(before)
  const services = servicesOf(target.db)
  const result = await services.auditIntegrity.runNow()
  expect(result.problems).toEqual([])
  expect(result).toMatchObject({ ok: true, rowsChecked: before.rows.length })
  // New rows chain on from the restored heads.
  await writeAudit(target.db, 2)
  expect((await services.auditIntegrity.runNow()).ok).toBe(true)
  await services.encryption.keyring.check()
  expect(await services.encryption.convert('tickets.description', sealed.rowId, sealed.value, 'open')).toBe('客户投诉 desc-5e1c')
}

describe('restoring the tamper-evident audit and the encryption keys', () => {
  it('loads the audit chains, anchors and verifications as they were into a fresh database', async () => {
    const target = await createTestDatabase()
    try {
      await restoreBackup(target, file)
      await expectRestoredWhole(target)
    } finally {
      await target.close()
    }
  })

  it('replaces a populated target, its own audit chains and anchors included, under --force', async () => {
    const target = await createTestDatabase()
    try {
      await insertCustomer(target.db, { name: 'Somebody else' })
      await writeAudit(target.db, 2)
      await exportAndRemove(target.db, 'target-export.jsonl')
      await writeAudit(target.db, 5, 2)
      await restoreBackup(target, file, { force: true })
      await expectRestoredWhole(target)
    } finally {
      await target.close()
    }
  })
})
