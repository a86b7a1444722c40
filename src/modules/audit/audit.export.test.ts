import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { createTestApp, type TestApp } from '../../test/test-app'
import { newId } from '../../lib/ids'
import { exportAudit, verifyExportFile } from './audit.export'
import type { Executor } from '../../db/database'
import { testEngine } from '../../test/test-engine'
import { verifyChains } from './audit.verify'

let t: TestApp
const dir = mkdtempSync(join(tmpdir(), 'kith-audit-export-'))
const SECRET = 'export-secret-export-secret-export!'
const CUTOFF = new Date('2025-01-01T00:00:00Z')

/** Rows as the application writes them, only dated: old ones before CUTOFF, recent ones after. */
const insertRows = (db: Executor, n: number, at: (i: number) => Date, tag: string) =>
  db.insertInto('auditLog').values(Array.from({ length: n }, (_, i) => ({
    id: newId(), at: at(i), actorId: null, action: 'update', entity: 'probe', entityId: newId(),
    changes: JSON.stringify({ note: { before: null, after: `${tag} ${i} 中文 "q" \\ \u0001` }, n: { before: 1.10, after: 1e21 } }), requestId: tag, ip: '10.0.0.1',
  }))).execute()
const count = async (where = sql`true`) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE ${where}`.execute(t.db)).rows[0]!.n)

beforeAll(async () => {
  t = await createTestApp()
  const a = (db: Executor) => insertRows(db, 40, (i) => new Date(Date.UTC(2024, 0, 1 + i)), 'old-a')
  const b = (db: Executor) => insertRows(db, 25, (i) => new Date(Date.UTC(2024, 6, 1 + i)), 'old-b')
  if (testEngine === 'postgres') {
    // Two transactions open at once write two chains: the old rows of both must go, and only they.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    let wrote = () => {}
    const written = new Promise<void>((resolve) => (wrote = resolve))
    const first = t.db.transaction().execute(async (trx) => {
      await a(trx)
      wrote()
      await held
    })
    await written
    await b(t.db)
    release()
    await first
  } else {
    await a(t.db)
    await b(t.db)
  }
  await insertRows(t.db, 10, (i) => new Date(Date.UTC(2025, 5, 1 + i)), 'recent')
})
afterAll(async () => {
  await t.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('kith audit export', () => {
  it('writes the rows before the date to a signed file that verifies, without removing them by default', async () => {
    const out = join(dir, 'keep.jsonl')
    const result = await exportAudit(t.db, { before: CUTOFF, out, secret: SECRET, batchSize: 7 })
    expect(result.rows).toBe(await count(sql`at < ${CUTOFF}`))
    expect(result.removed).toBe(0)
    expect(await verifyExportFile(out, SECRET)).toEqual({ ok: true, rows: result.rows, redacted: 0, problem: null })
    // Each line's row is the text its hash covers: readable as it was written.
    const line = readFileSync(out, 'utf8').split('\n').find((l) => l.includes('old-a 3 '))!
    expect(JSON.parse(JSON.parse(line).r)).toContainEqual({ note: { after: 'old-a 3 中文 "q" \\ \u0001', before: null }, n: { after: 1e21, before: 1.1 } })
    await expect(exportAudit(t.db, { before: CUTOFF, out, secret: SECRET })).rejects.toThrow(/EEXIST/)
  })

  it('rejects a file that was modified, cut, or is checked under another secret', async () => {
    const out = join(dir, 'tamper.jsonl')
    await exportAudit(t.db, { before: CUTOFF, out, secret: SECRET })
    const text = readFileSync(out, 'utf8')
    const check = (name: string, content: string, secret = SECRET) => {
      writeFileSync(join(dir, name), content)
      return verifyExportFile(join(dir, name), secret)
    }
    const lines = text.split('\n')
    expect(await check('altered.jsonl', text.replace('old-b 4 ', 'old-b 5 '))).toMatchObject({ ok: false, problem: expect.stringMatching(/signature/) })
    expect(await check('dropped.jsonl', [...lines.slice(0, 5), ...lines.slice(6)].join('\n'))).toMatchObject({ ok: false, problem: expect.stringMatching(/signature/) })
    expect(await check('cut.jsonl', lines.slice(0, 10).join('\n'))).toMatchObject({ ok: false })
    expect(await check('same.jsonl', text, 'another-secret-another-secret-another')).toMatchObject({ ok: false, problem: expect.stringMatching(/signature/) })
    expect(await check('other.jsonl', 'hello\n')).toMatchObject({ ok: false })
    expect(await check('same.jsonl', text)).toMatchObject({ ok: true })
  })

  it('--remove deletes exactly the exported rows through the audited path; the chains still verify from their anchors', async () => {
    const old = await count(sql`at < ${CUTOFF}`)
    const recent = await count(sql`at >= ${CUTOFF}`)
    const out = join(dir, 'removed.jsonl')
    const result = await exportAudit(t.db, { before: CUTOFF, out, secret: SECRET, remove: true })
    expect(result).toMatchObject({ rows: old, removed: old })
    expect(await count(sql`at < ${CUTOFF}`)).toBe(0)
    expect(await count(sql`at >= ${CUTOFF} AND NOT (entity = 'audit_log' AND action = 'purge')`)).toBe(recent)
    const anchors = await t.db.selectFrom('auditChainAnchors').select(['chain', 'fileDigest']).execute()
    expect(new Set(anchors.map((a) => a.chain)).size).toBe(result.chains.length)
    if (testEngine === 'postgres') expect(result.chains.length).toBe(2)
    expect(anchors.every((a) => a.fileDigest === result.digest)).toBe(true)
    const purge = await t.db.selectFrom('auditLog').selectAll().where('entity', '=', 'audit_log').where('action', '=', 'purge').executeTakeFirstOrThrow()
    expect(purge.changes).toMatchObject({ rows: old, sha256: result.digest, file: 'removed.jsonl' })
    expect(await verifyChains(t.db)).toMatchObject({ ok: true, rowsChecked: await count() })
    expect(await verifyExportFile(out, SECRET)).toMatchObject({ ok: true, rows: old })
    // Nothing older is left to export; the next export starts at the anchors.
    expect((await exportAudit(t.db, { before: new Date('2025-06-04T00:00:00Z'), out: join(dir, 'next.jsonl'), secret: SECRET })).rows).toBe(3)
    expect(await verifyExportFile(join(dir, 'next.jsonl'), SECRET)).toMatchObject({ ok: true, rows: 3 })
  })

  it('refuses to export (and so to remove) a broken chain', async () => {
    const [row] = (await sql<{ id: string }>`SELECT id FROM audit_log WHERE request_id = 'recent' ORDER BY at LIMIT 1`.execute(t.db)).rows
    const { asSuperuser } = await import('../../test/audit-tamper')
    await asSuperuser(t.db, (db) => sql`UPDATE audit_log SET ip = '6.6.6.6' WHERE id = ${row!.id}`.execute(db))
    const out = join(dir, 'broken.jsonl')
    const before = await count()
    await expect(exportAudit(t.db, { before: new Date('2030-01-01'), out, secret: SECRET, remove: true })).rejects.toThrow(/broken/)
    expect(await count()).toBe(before)
    expect(() => readFileSync(out)).toThrow(/ENOENT/)
  })
})
