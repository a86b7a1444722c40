import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'
import { asSuperuser } from '../../test/audit-tamper'
import { newId } from '../../lib/ids'
import { recordAudit } from './audit.service'
import { verifyChains } from './audit.verify'
import { VERIFY_JOB } from './audit.integrity'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
const ctx = { actor: null, requestId: 'chain-test' }

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  for (let i = 0; i < 5; i++) {
    expect((await api.post('/api/v1/customers', { name: `链 ${i} "quoted"`, industry: 'Retail', phone: '13800138000' }, admin)).statusCode).toBe(201)
  }
})
afterAll(() => t.close())

const count = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(t.db)).rows[0]!.n)
const rowOf = async (id: string) => (await sql<Record<string, unknown>>`SELECT * FROM audit_log WHERE id = ${id}`.execute(t.db)).rows[0]!
const write = async (n: number) => {
  const ids = Array.from({ length: n }, () => newId())
  await t.db.transaction().execute((trx) => recordAudit(trx, ctx, ids.map((entityId) => ({ action: 'update', entity: 'probe', entityId, changes: { n: { before: 1.5, after: 'é' } } }))))
  const rows = await t.db.selectFrom('auditLog').select(['id', 'entityId']).where('entityId', 'in', ids).execute()
  return ids.map((e) => rows.find((r) => r.entityId === e)!.id)
}
/** A row as it is stored (bytea as \\x… text), to put back exactly with putBack. */
const snapshot = async (id: string) =>
  (await sql<{ j: string }>`SELECT to_jsonb(a)::text AS j FROM audit_log a WHERE id = ${id}`.execute(t.db)).rows[0]!.j
const putBack = (saved: string) => asSuperuser(t.db, async (db) => {
  await sql`DELETE FROM audit_log WHERE id = (${saved}::jsonb ->> 'id')::uuid`.execute(db)
  await sql`INSERT INTO audit_log SELECT * FROM jsonb_populate_record(NULL::audit_log, ${saved}::jsonb)`.execute(db)
})

describe('every audit row is chained as it is written', () => {
  it('verifies clean: every row checked, in some chain, linked', async () => {
    const result = await verifyChains(t.db)
    expect(result).toMatchObject({ ok: true, problems: [], rowsChecked: await count() })
    const unchained = await sql`SELECT id FROM audit_log WHERE hash IS NULL OR seq IS NULL`.execute(t.db)
    expect(unchained.rows).toEqual([])
  })

  it('a row rolled back to a savepoint leaves no hole in its chain', async () => {
    await t.db.transaction().execute(async (trx) => {
      await recordAudit(trx, ctx, [{ action: 'update', entity: 'probe', entityId: newId() }])
      await sql`SAVEPOINT s`.execute(trx)
      await recordAudit(trx, ctx, [{ action: 'update', entity: 'probe', entityId: newId() }])
      await sql`ROLLBACK TO SAVEPOINT s`.execute(trx)
      await recordAudit(trx, ctx, [{ action: 'update', entity: 'probe', entityId: newId() }])
    })
    await expect(t.db.transaction().execute(async (trx) => {
      await recordAudit(trx, ctx, [{ action: 'update', entity: 'probe', entityId: newId() }])
      throw new Error('rollback')
    })).rejects.toThrow('rollback')
    await write(3)
    expect(await verifyChains(t.db)).toMatchObject({ ok: true, rowsChecked: await count() })
  })
})

describe('the application cannot change or remove audit rows', () => {
  it.each([
    ['UPDATE', sql`UPDATE audit_log SET action = 'forged'`],
    ['DELETE', sql`DELETE FROM audit_log`],
    // Plain TRUNCATE is refused first by audit_redactions' foreign key; CASCADE reaches the guard.
    ['TRUNCATE', sql`TRUNCATE audit_log CASCADE`],
    ['TRUNCATE of the anchors', sql`TRUNCATE audit_chain_anchors`],
    ['TRUNCATE of the redaction listings', sql`TRUNCATE audit_redactions`],
    ['a head', sql`DELETE FROM audit_chains`],
  ])('%s is refused', async (_, statement) => {
    const before = await count()
    await expect(statement.execute(t.db)).rejects.toThrow(/append-only/)
    expect(await count()).toBe(before)
  })

  it('the retention switch alone deletes nothing that was not exported (no anchor covers it)', async () => {
    await expect(t.db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('kith.audit_retention', 'on', true)`.execute(trx)
      await sql`DELETE FROM audit_log`.execute(trx)
    })).rejects.toThrow(/append-only/)
  })
})

describe('verify names the first broken or missing link', () => {
  it('altered content: the row', async () => {
    const [id] = await write(3)
    const original = await rowOf(id!)
    await asSuperuser(t.db, (db) => sql`UPDATE audit_log SET changes = '{"n": {"after": "forged"}}' WHERE id = ${id}`.execute(db))
    const result = await verifyChains(t.db)
    expect(result.ok).toBe(false)
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'altered', id, chain: original.chain, seq: Number(original.seq) })])
    expect(result.problems[0]!.message).toContain(id)
    await asSuperuser(t.db, (db) => sql`UPDATE audit_log SET changes = ${JSON.stringify(original.changes)}::jsonb WHERE id = ${id}`.execute(db))
    expect((await verifyChains(t.db)).ok).toBe(true)
  })

  it('a deleted row: the gap and the row after it', async () => {
    const [, gone, next] = await write(3)
    const [row, saved] = [await rowOf(gone!), await snapshot(gone!)]
    await asSuperuser(t.db, (db) => sql`DELETE FROM audit_log WHERE id = ${gone}`.execute(db))
    expect((await verifyChains(t.db)).problems).toEqual([expect.objectContaining({ kind: 'missing', seq: Number(row.seq), id: next, chain: row.chain })])
    await putBack(saved)
    expect((await verifyChains(t.db)).ok).toBe(true)
  })

  it('a row rewritten with a recomputed hash: the link after it', async () => {
    const [first, second] = await write(2)
    const [saved, after] = [await snapshot(first!), await rowOf(second!)]
    await asSuperuser(t.db, async (db) => {
      await sql`UPDATE audit_log SET action = 'forged' WHERE id = ${first}`.execute(db)
      await sql`UPDATE audit_log a SET hash = audit_row_hash(a) WHERE id = ${first}`.execute(db)
    })
    expect((await verifyChains(t.db)).problems).toEqual([expect.objectContaining({ kind: 'relinked', id: second, seq: Number(after.seq) })])
    await putBack(saved)
    expect((await verifyChains(t.db)).ok).toBe(true)
  })

  it('rows deleted from the end, and a chain cut back with its head after a clean verification', async () => {
    const [, last] = await write(2)
    const [row, saved] = [await rowOf(last!), await snapshot(last!)]
    await asSuperuser(t.db, (db) => sql`DELETE FROM audit_log WHERE id = ${last}`.execute(db))
    expect((await verifyChains(t.db)).problems).toEqual([expect.objectContaining({ kind: 'truncated', chain: row.chain, seq: Number(row.seq), id: null })])
    await putBack(saved)
    const clean = await verifyChains(t.db)
    expect(clean.ok).toBe(true)
    // The head moved back too: only the earlier verification's heads show it.
    await asSuperuser(t.db, async (db) => {
      await sql`DELETE FROM audit_log WHERE id = ${last}`.execute(db)
      await sql`UPDATE audit_chains c SET seq = c.seq - 1, hash = a.prev_hash FROM jsonb_populate_record(NULL::audit_log, ${saved}::jsonb) a WHERE c.chain = a.chain`.execute(db)
    })
    expect((await verifyChains(t.db)).ok).toBe(true)
    expect((await verifyChains(t.db, { previous: clean.heads })).problems).toEqual([expect.objectContaining({ kind: 'vanished', chain: row.chain, seq: Number(row.seq) })])
    await asSuperuser(t.db, (db) => sql`UPDATE audit_chains c SET seq = c.seq + 1, hash = a.hash FROM jsonb_populate_record(NULL::audit_log, ${saved}::jsonb) a WHERE c.chain = a.chain`.execute(db))
    await putBack(saved)
    expect((await verifyChains(t.db, { previous: clean.heads })).ok).toBe(true)
  })

  it('a row inserted with the trigger off, outside any chain', async () => {
    const id = newId()
    await asSuperuser(t.db, (db) => sql`INSERT INTO audit_log (id, action, entity, chain, seq, prev_hash, hash) VALUES (${id}, 'forged', 'x', 99, 1, '\\x00', '\\x00')`.execute(db))
    expect((await verifyChains(t.db)).problems).toEqual([expect.objectContaining({ kind: 'stray', id, chain: 99 })])
    await asSuperuser(t.db, (db) => sql`DELETE FROM audit_log WHERE id = ${id}`.execute(db))
  })
})

describe('the admin page: last verification, and starting one as a background job', () => {
  it('only admins', async () => {
    const manager = await sessionFor(t, (await insertUser(t.db, { role: 'manager' })).id)
    expectProblem(await api.get('/api/v1/audit-log/verifications/latest', manager), 403)
    expectProblem(await api.post('/api/v1/audit-log/verifications', undefined, manager), 403)
  })

  it('queues a run, answers the same run while it waits, and shows its outcome', async () => {
    const started = await api.post('/api/v1/audit-log/verifications', undefined, admin)
    expect(started.statusCode, started.body).toBe(202)
    expect(json(started)).toMatchObject({ status: 'running', finishedAt: null })
    expect(json(await api.post('/api/v1/audit-log/verifications', undefined, admin)).id).toBe(json(started).id)
    expect(await t.services.jobs.drain(VERIFY_JOB)).toBe(1)
    const { verification } = json(await api.get('/api/v1/audit-log/verifications/latest', admin))
    expect(verification).toMatchObject({ id: json(started).id, status: 'ok', problems: [], error: null, rowsChecked: expect.any(Number) })
    expect(verification.rowsChecked).toBeGreaterThan(5)
    expect(Date.parse(verification.finishedAt)).toBeGreaterThanOrEqual(Date.parse(verification.startedAt))
  })

  it('a failed run names the row', async () => {
    const [id] = await write(1)
    const original = await rowOf(id!)
    await asSuperuser(t.db, (db) => sql`UPDATE audit_log SET ip = '6.6.6.6' WHERE id = ${id}`.execute(db))
    const started = json(await api.post('/api/v1/audit-log/verifications', undefined, admin))
    await t.services.jobs.drain(VERIFY_JOB)
    const { verification } = json(await api.get('/api/v1/audit-log/verifications/latest', admin))
    expect(verification).toMatchObject({ id: started.id, status: 'failed', problems: [expect.objectContaining({ kind: 'altered', id })] })
    await asSuperuser(t.db, (db) => sql`UPDATE audit_log SET ip = ${original.ip} WHERE id = ${id}`.execute(db))
  })
})
