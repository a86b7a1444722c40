import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertContact, insertCustomer, insertTeam, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { encodeCursor } from '../../lib/cursor'
import { newId } from '../../lib/ids'
import { importApi } from './imports.test-support'
import { undoImport } from './imports.undo'
import { sql } from 'kysely'

let t: TestApp
let api: ReturnType<typeof importApi>
let repA: AuthHeaders
let repAId: string
let teamA: string
let repBId: string
let teamB: string
let support: AuthHeaders
let supportId: string

beforeAll(async () => {
  t = await createTestApp()
  api = importApi(t)
  teamA = (await insertTeam(t.db)).id
  teamB = (await insertTeam(t.db)).id
  repAId = (await insertUser(t.db, { role: 'sales', teamId: teamA })).id
  repBId = (await insertUser(t.db, { role: 'sales', teamId: teamB })).id
  supportId = (await insertUser(t.db, { role: 'support', teamId: null })).id
  repA = await sessionFor(t, repAId)
  support = await sessionFor(t, supportId)
})
afterAll(() => t.close())

const contactById = (id: string) => t.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const chunkCount = async (importId: string) => (await t.db.selectFrom('importChunks').select('seq').where('importId', '=', importId).execute()).length

describe('a contacts upsert stays within what the importer may see and change', () => {
  it('a team-A rep matching a team-B contact by e-mail creates his own contact and leaves theirs alone', async () => {
    const mine = await insertCustomer(t.db, { name: 'Team A Buyer', ownerId: repAId, teamId: teamA })
    const theirs = await insertCustomer(t.db, { name: 'Team B Buyer', ownerId: repBId, teamId: teamB })
    const victim = await insertContact(t.db, theirs.id, { name: 'Bea Original', email: 'bea@teamb.cn', phone: '+8613800000009' })
    const csv = 'customer,name,email,title\nTeam A Buyer,Hijacked Name,BEA@teamb.cn,Boss\n'
    const a = (await api.analyze(repA, 'contacts', { name: 'c.csv', data: Buffer.from(csv) })).json()
    const s = await api.run(repA, a.id, { entity: 'contacts', mapping: { customer: 'customer', name: 'name', email: 'email', title: 'title' }, mode: 'upsert', dedupeBy: 'email' })
    expect(s).toMatchObject({ status: 'completed', counts: { created: 1, updated: 0 } })
    expect(await contactById(victim.id)).toMatchObject({ name: 'Bea Original', customerId: theirs.id, title: null, version: 1 })
    const created = await t.db.selectFrom('contacts').selectAll().where('customerId', '=', mine.id).execute()
    expect(created.map((c) => [c.name, c.email])).toEqual([['Hijacked Name', 'bea@teamb.cn']])
  })

  it('a match the importer may see but not change is reported, not overwritten', async () => {
    const own = await insertCustomer(t.db, { name: 'Support Own', ownerId: supportId })
    const other = await insertCustomer(t.db, { name: 'Someone Else', ownerId: repBId, teamId: teamB })
    const seen = await insertContact(t.db, other.id, { name: 'Seen Only', email: 'seen@other.cn' })
    const csv = 'customer,name,email\nSupport Own,Renamed,seen@other.cn\n'
    const a = (await api.analyze(support, 'contacts', { name: 'c.csv', data: Buffer.from(csv) })).json()
    const s = await api.run(support, a.id, { entity: 'contacts', mapping: { customer: 'customer', name: 'name', email: 'email' }, mode: 'upsert', dedupeBy: 'email', skipInvalid: true })
    expect(s).toMatchObject({ status: 'completed', counts: { created: 0, updated: 0, invalid: 1 } })
    expect(s.rowErrors).toEqual([{ row: 2, errors: [{ path: 'email', message: expect.stringContaining('may not change') }] }])
    expect(await contactById(seen.id)).toMatchObject({ name: 'Seen Only', customerId: other.id, version: 1 })
    expect(await t.db.selectFrom('contacts').select('id').where('customerId', '=', own.id).execute()).toEqual([])
  })

  it('a rep still upserts the contacts of his own team’s customers', async () => {
    const mate = await insertUser(t.db, { role: 'sales', teamId: teamA })
    const c = await insertCustomer(t.db, { name: 'Team A Mate Customer', ownerId: mate.id, teamId: teamA })
    const contact = await insertContact(t.db, c.id, { name: 'Old Name', email: 'mate@a.cn' })
    const a = (await api.analyze(repA, 'contacts', { name: 'c.csv', data: Buffer.from('customer,name,email\nTeam A Mate Customer,New Name,mate@a.cn\n') })).json()
    expect(await api.run(repA, a.id, { entity: 'contacts', mapping: { customer: 'customer', name: 'name', email: 'email' }, mode: 'upsert', dedupeBy: 'email' })).toMatchObject({ status: 'completed', counts: { updated: 1 } })
    expect(await contactById(contact.id)).toMatchObject({ name: 'New Name', version: 2 })
  })
})

describe('audit rows go through the audit module', () => {
  it('no import source file writes audit_log itself', () => {
    const dir = import.meta.dirname
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) => /audit_log|['"]auditLog['"]/.test(readFileSync(join(dir, f), 'utf8')))
    expect(offenders).toEqual([])
  })

  it('an import’s audit rows carry actor, request id and changes', async () => {
    const a = (await api.analyze(repA, 'customers', { name: 'a.csv', data: Buffer.from('name,email\nAudited Co,audited@co.cn\n') })).json()
    await api.run(repA, a.id, { entity: 'customers' })
    const c = await t.db.selectFrom('customers').select('id').where('name', '=', 'Audited Co').executeTakeFirstOrThrow()
    const rows = await t.db.selectFrom('auditLog').selectAll().where('entityId', '=', c.id).execute()
    expect(rows).toEqual([expect.objectContaining({
      actorId: repAId, action: 'create', entity: 'customer', requestId: `import:${a.id}`, ip: null,
      changes: expect.objectContaining({ name: { before: null, after: 'Audited Co' }, importId: { before: null, after: a.id } }),
    })])
  })
})

describe('GET /imports with a forged cursor', () => {
  it.each([
    ['a time that is no time', 'not a date'],
    ['a year the database cannot hold', '+099999-01-01T00:00:00.000Z'],
    ['no time at all', null],
  ])('%s → 400 on cursor', async (_label, v) => {
    const cursor = encodeCursor({ s: 'imports', v, id: newId() })
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/imports?cursor=${cursor}`, headers: repA })
    expectProblem(res, 400)
    expect(res.json().errors).toEqual([{ path: 'cursor', message: expect.any(String) }])
  })
})

describe('a failed import', () => {
  it('escapes formulas in the errors.csv header and drops its upload', async () => {
    const csv = 'name,email,"=HYPERLINK(""http://evil"",""x"")"\nGood,good@f.cn,a\nBad,not-an-email,b\n'
    const a = (await api.analyze(repA, 'customers', { name: 'f.csv', data: Buffer.from(csv) })).json()
    expect(await chunkCount(a.id)).toBeGreaterThan(0)
    const s = await api.run(repA, a.id, { entity: 'customers', mapping: { name: 'name', email: 'email' } })
    expect(s).toMatchObject({ status: 'failed', counts: { invalid: 1 } })
    expect(await chunkCount(a.id)).toBe(0)
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${a.id}/errors.csv`, headers: repA })
    expect(res.statusCode).toBe(200)
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\n')
    expect(lines[0]).toBe(`Row / 行号,name,email,"'=HYPERLINK(""http://evil"",""x"")",Reason / 原因`)
    expect(lines[1]).toMatch(/^3,Bad,not-an-email,b,/)
  })

  it('undo drops an upload left behind', async () => {
    const a = (await api.analyze(repA, 'customers', { name: 'u.csv', data: Buffer.from('name\nUndo Chunks Co\n') })).json()
    expect(await api.run(repA, a.id, { entity: 'customers' })).toMatchObject({ status: 'completed' })
    // A crash between "completed" and the clean-up leaves the chunks.
    await t.db.insertInto('importChunks').values({ importId: a.id, seq: 0, data: Buffer.from('name\nUndo Chunks Co\n') }).execute()
    const undo = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/undo`, headers: repA })
    expect(undo.json()).toEqual({ removed: 1, restored: 0, notUndone: [] })
    expect(await chunkCount(a.id)).toBe(0)
  })
})

describe('undo works page by page', () => {
  it('commits each page: a crash mid-way keeps the pages done, and the next call resumes after them', async () => {
    const names = Array.from({ length: 5 }, (_, i) => `Paged Undo ${i + 1}`)
    const a = (await api.analyze(repA, 'customers', { name: 'p.csv', data: Buffer.from(['name', ...names].join('\n')) })).json()
    expect(await api.run(repA, a.id, { entity: 'customers' })).toMatchObject({ status: 'completed', counts: { created: 5 } })
    const live = async () => (await t.db.selectFrom('customers').select('name').where('name', 'like', 'Paged Undo %').where('deletedAt', 'is', null).orderBy('name').execute()).map((r) => r.name)
    // The database refuses to delete the fourth record once, as a dying connection would.
    await t.database.execSql(`CREATE TABLE undo_crash_once (done boolean);
      CREATE FUNCTION undo_crash_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = 'Paged Undo 4' AND NEW.deleted_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM undo_crash_once) THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER undo_crash_once BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION undo_crash_once();`)
    const ctx = { actor: { userId: repAId, role: 'sales' as const, teamId: teamA }, requestId: 'undo-test' }
    await expect(undoImport(t.db, ctx, a.id, { pageSize: 2 })).rejects.toThrow('simulated crash')
    expect(await live()).toEqual(names.slice(2))
    const mid = await api.status(repA, a.id)
    expect(mid).toMatchObject({ status: 'completed', undoneAt: null })
    await sql.raw(`INSERT INTO undo_crash_once VALUES (true)`).execute(t.db)
    expect(await undoImport(t.db, ctx, a.id, { pageSize: 2 })).toEqual({ removed: 3, restored: 0, notUndone: [] })
    expect(await live()).toEqual([])
    expect(await api.status(repA, a.id)).toMatchObject({ status: 'undone', undoneAt: expect.any(String) })
    const audits = await t.db.selectFrom('auditLog').select('entityId').where('action', '=', 'delete').where('changes', '@>', sql`${JSON.stringify({ undoneImport: { after: a.id } })}::jsonb` as any).execute()
    expect(audits).toHaveLength(5)
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/undo`, headers: repA }), 409)
    await sql.raw(`DROP TRIGGER undo_crash_once ON customers`).execute(t.db)
  })
})
