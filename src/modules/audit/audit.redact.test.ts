import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertUser } from '../../test/factories'
import { http } from '../../test/http'
import { asSuperuser } from '../../test/audit-tamper'
import { newId } from '../../lib/ids'
import { recordAudit } from './audit.service'
import { redactAudit } from './audit.redact'
import { verifyChains } from './audit.verify'
import { exportAudit, verifyExportFile } from './audit.export'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
const dir = mkdtempSync(join(tmpdir(), 'kith-audit-redact-'))
const SECRET = 'redact-secret-redact-secret-redact!'
const CUTOFF = new Date('2025-01-01T00:00:00Z')
const ctx = { actor: null, requestId: 'redact-test' }
const NAME = '欧阳娜娜'
let oldId: string

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  // An old row first, so it is in every chain's exported prefix (retention below).
  oldId = newId()
  await t.db.insertInto('auditLog').values({ id: oldId, at: new Date('2024-03-01T00:00:00Z'), actorId: null, action: 'update', entity: 'contact', entityId: newId(), changes: JSON.stringify({ name: { before: null, after: NAME } }), requestId: 'old', ip: '10.0.0.9' }).execute()
  const adminId = (await insertUser(t.db, { role: 'admin' })).id
  admin = await sessionFor(t, adminId)
  const company = await insertCustomer(t.db, { name: '上海明辉科技有限公司', ownerId: adminId })
  const contact = json(await api.post('/api/v1/contacts', { customerId: company.id, name: NAME, email: 'nana@example.cn', title: '采购经理' }, admin))
  const updated = json(await api.patch(`/api/v1/contacts/${contact.id}`, { version: contact.version, title: '采购总监' }, admin))
  const erased = await api.post(`/api/v1/privacy/contact/${contact.id}/erase`, { version: updated.version, confirm: NAME }, admin)
  expect(erased.statusCode, erased.body).toBe(200)
})
afterAll(async () => {
  await t.close()
  rmSync(dir, { recursive: true, force: true })
})

const redactedIds = async () => (await sql<{ id: string }>`SELECT audit_id AS id FROM audit_redactions`.execute(t.db)).rows.map((r) => r.id)
const rowOf = async (id: string) => (await sql<Record<string, unknown>>`SELECT * FROM audit_log WHERE id = ${id}`.execute(t.db)).rows[0]!

describe('an erasure redacts audit rows through the deliberate path', () => {
  it('kith audit verify stays clean and counts the redacted rows, here and on the admin page', async () => {
    const ids = await redactedIds()
    expect(ids.length).toBeGreaterThanOrEqual(2)
    const mentioning = await sql`SELECT id FROM audit_log WHERE changes::text LIKE ${`%${NAME}%`} AND id <> ${oldId}`.execute(t.db)
    expect(mentioning.rows).toEqual([])
    const result = await t.services.auditIntegrity.runNow()
    expect(result).toMatchObject({ ok: true, problems: [], redacted: ids.length })
    const { verification } = json(await api.get('/api/v1/audit-log/verifications/latest', admin))
    expect(verification).toMatchObject({ status: 'ok', problems: [], redacted: ids.length })
  })

  it('the export marks the redacted rows, and verify-file accepts them', async () => {
    const out = join(dir, 'all.jsonl')
    await exportAudit(t.db, { before: new Date('2100-01-01'), out, secret: SECRET })
    const ids = await redactedIds()
    expect(await verifyExportFile(out, SECRET)).toMatchObject({ ok: true, problem: null, redacted: ids.length })
    const marked = readFileSync(out, 'utf8').split('\n').filter((l) => l.includes('"redacted":true'))
    expect(marked).toHaveLength(ids.length)
  })

  it('the redaction path changes only changes and ip of listed rows; the listings are append-only', async () => {
    const [id] = await redactedIds()
    const refused = /append-only/
    await expect(sql`UPDATE audit_log SET changes = '{}' WHERE id = ${id}`.execute(t.db)).rejects.toThrow(refused)
    await expect(t.db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('kith.audit_redact', ${id}, true)`.execute(trx)
      await sql`UPDATE audit_log SET action = 'forged' WHERE id = ${id}`.execute(trx)
    })).rejects.toThrow(refused)
    await expect(sql`DELETE FROM audit_redactions`.execute(t.db)).rejects.toThrow(refused)
    await expect(sql`TRUNCATE audit_redactions`.execute(t.db)).rejects.toThrow(refused)
  })
})

describe('a listing without a chained redact row hides nothing', () => {
  it('a row altered by hand and then listed in audit_redactions is still reported as altered', async () => {
    await t.db.transaction().execute((trx) => recordAudit(trx, ctx, [{ action: 'update', entity: 'probe', entityId: newId(), changes: { note: { before: 'a', after: 'b' } } }]))
    const row = await t.db.selectFrom('auditLog').select(['id', 'changes']).where('entity', '=', 'probe').executeTakeFirstOrThrow()
    await asSuperuser(t.db, (db) => sql`UPDATE audit_log SET changes = '{"note": {"after": "forged"}}' WHERE id = ${row.id}`.execute(db))
    await sql`INSERT INTO audit_redactions (audit_id, reason) VALUES (${row.id}, '{"action": "privacy_erase"}')`.execute(t.db)
    const result = await verifyChains(t.db)
    const original = await rowOf(row.id)
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'altered', id: row.id, chain: original.chain, seq: Number(original.seq) })])
    await asSuperuser(t.db, (db) => sql`UPDATE audit_log SET changes = ${JSON.stringify(row.changes)}::jsonb WHERE id = ${row.id}`.execute(db))
    expect((await verifyChains(t.db)).ok).toBe(true)
  })
})

describe('retention', () => {
  it('exports and removes a redacted row with its listing; the chains still verify', async () => {
    await t.db.transaction().execute((trx) => redactAudit(trx, ctx, [{ id: oldId, changes: { name: { before: null, after: '[erased]' } }, clearIp: true }], { action: 'privacy_erase', entity: 'contact', entityId: newId() }))
    expect(await rowOf(oldId)).toMatchObject({ ip: null, changes: { name: { before: null, after: '[erased]' } } })
    const out = join(dir, 'old.jsonl')
    const result = await exportAudit(t.db, { before: CUTOFF, out, secret: SECRET, remove: true })
    expect(result).toMatchObject({ rows: 1, removed: 1 })
    expect(await verifyExportFile(out, SECRET)).toMatchObject({ ok: true, rows: 1, redacted: 1 })
    expect(readFileSync(out, 'utf8')).not.toContain(NAME)
    expect(await redactedIds()).not.toContain(oldId)
    expect(await verifyChains(t.db)).toMatchObject({ ok: true, problems: [] })
  })
})
