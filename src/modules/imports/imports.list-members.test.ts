import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertContact, insertCustomer, insertLead, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'
import { sql } from 'kysely'
import { runCliImport } from './imports.cli'
import { runImport } from './imports.job'
import { importApi, multipart } from './imports.test-support'
import { NOT_FOUND_MESSAGE } from './list-members'

let t: TestApp
let api: ReturnType<typeof importApi>
let req: ReturnType<typeof http>
let marketing: AuthHeaders
let marketingId: string
let admin: AuthHeaders
let sales: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  api = importApi(t)
  req = http(t)
  marketingId = (await insertUser(t.db, { role: 'marketing' })).id
  marketing = await sessionFor(t, marketingId)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
})
afterAll(() => t.close())

const newList = async (name: string, kind: 'static' | 'dynamic' = 'static') =>
  json(await req.post('/api/v1/mailing-lists', kind === 'static' ? { name, kind } : { name, kind, filter: { all: [{ field: 'customer.industry', op: 'eq', value: 'x' }] } }, marketing)) as { id: string }
const count = async (listId: string) => json(await req.get(`/api/v1/mailing-lists/${listId}/count`, marketing)).count as number
const members = async (listId: string) =>
  (json(await req.get(`/api/v1/mailing-lists/${listId}/members?limit=200`, marketing)).items as { id: string; kind: string; email: string }[])
    .map((m) => [m.kind, m.email]).sort((a, b) => a[1]!.localeCompare(b[1]!))
const csvFile = (name: string, text: string) => ({ name, data: Buffer.from(text) })
const analyze = async (as: AuthHeaders, listId: string, file: { name: string; data: Buffer }) => {
  const res = await api.analyze(as, 'mailing-list-members', file, { listId })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

/** A contact, a lead and a customer, each found by an e-mail written in another case; one already in the list. */
async function people(tag: string, listId: string) {
  const customer = await insertCustomer(t.db, { name: `客户${tag}`, email: `buyer.${tag}@corp.cn` })
  const contact = await insertContact(t.db, customer.id, { name: `王芳${tag}`, email: `Wang.Fang.${tag}@Example.cn` })
  const lead = await insertLead(t.db, { name: `李雷${tag}`, email: `li.lei.${tag}@example.cn` })
  const already = await insertLead(t.db, { name: `老成员${tag}`, email: `old.${tag}@example.cn` })
  expect((await req.post(`/api/v1/mailing-lists/${listId}/members`, { leadIds: [already.id] }, marketing)).statusCode).toBe(200)
  const csv = [
    '姓名,邮箱,公司,手机',
    `王芳,WANG.FANG.${tag}@example.CN,,`,
    `李雷,Li.Lei.${tag}@Example.cn,,`,
    `买家,BUYER.${tag}@CORP.CN,,`,
    `老成员,old.${tag}@example.cn,,`,
    `王芳again,wang.fang.${tag}@example.cn,,`,
    `新朋友,new.${tag}@fresh.cn,新公司,13812345678`,
    `,nameless.${tag}@fresh.cn,,`,
  ].join('\n')
  return { customer, contact, lead, already, csv }
}

describe('mailing-list members from a CSV with Chinese headers', () => {
  it('maps 姓名,邮箱,公司,手机 and Name,Email,Company by themselves', async () => {
    const list = await newList('映射')
    const zh = await analyze(marketing, list.id, csvFile('zh.csv', '姓名,邮箱,公司,手机\n张三,z@x.cn,某公司,13800000000\n'))
    expect(zh.proposedMapping).toEqual({ 姓名: 'name', 邮箱: 'email', 公司: 'company', 手机: 'phone' })
    expect(zh.fields.map((f: { key: string; required: boolean }) => [f.key, f.required])).toEqual([['email', true], ['name', false], ['company', false], ['phone', false], ['country', false]])
    const en = await analyze(marketing, list.id, csvFile('en.csv', 'Name,Email,Company\nAnn,ann@x.com,Acme\n'))
    expect(en.proposedMapping).toEqual({ Name: 'name', Email: 'email', Company: 'company' })
  })

  it('a dry run counts adds, skips and unknown e-mails and writes nothing', async () => {
    const list = await newList('预检')
    const { csv } = await people('dry', list.id)
    const a = await analyze(marketing, list.id, csvFile('m.csv', csv))
    const preview = json(await req.post(`/api/v1/imports/${a.id}/preview`, { entity: 'mailing-list-members', listId: list.id }, marketing))
    expect(preview.rows.map((r: any) => [r.row, r.values.kind ?? null, r.errors.map((e: any) => e.message)])).toEqual([
      [2, 'contact', []], [3, 'lead', []], [4, 'customer', []], [5, 'lead', []], [6, 'contact', []],
      [7, null, [NOT_FOUND_MESSAGE]], [8, null, [NOT_FOUND_MESSAGE]],
    ])
    const s = await api.run(marketing, a.id, { entity: 'mailing-list-members', listId: list.id, dryRun: true })
    expect(s).toMatchObject({ status: 'dry_run_done', counts: { created: 3, updated: 0, skipped: 2, invalid: 2 } })
    expect(s.rowErrors).toEqual([
      { row: 7, errors: [{ path: 'email', message: NOT_FOUND_MESSAGE }] },
      { row: 8, errors: [{ path: 'email', message: NOT_FOUND_MESSAGE }] },
    ])
    const withLeads = await api.run(marketing, (await analyze(marketing, list.id, csvFile('m.csv', csv))).id, { entity: 'mailing-list-members', listId: list.id, dryRun: true, createMissing: true })
    expect(withLeads).toMatchObject({ status: 'dry_run_done', counts: { created: 5, skipped: 2, invalid: 0 } })
    expect(await count(list.id)).toBe(1)
    expect(await t.db.selectFrom('leads').select('id').where('email', 'in', ['new.dry@fresh.cn', 'nameless.dry@fresh.cn']).execute()).toEqual([])
  })

  it('without createMissing unknown e-mails are invalid; skipInvalid adds the rest; errors.csv gives the reason', async () => {
    const list = await newList('无新建')
    const { csv } = await people('strict', list.id)
    const a = await analyze(marketing, list.id, csvFile('m.csv', csv))
    expect(await api.run(marketing, a.id, { entity: 'mailing-list-members', listId: list.id })).toMatchObject({ status: 'failed', counts: { invalid: 2 } })
    expect(await count(list.id)).toBe(1)
    const errors = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${a.id}/errors.csv`, headers: marketing })
    expect(errors.body).toContain(`7,新朋友,new.strict@fresh.cn,新公司,13812345678,"E-mail: ${NOT_FOUND_MESSAGE}"`)
    const b = await analyze(marketing, list.id, csvFile('m.csv', csv))
    expect(await api.run(marketing, b.id, { entity: 'mailing-list-members', listId: list.id, skipInvalid: true })).toMatchObject({ status: 'completed', counts: { created: 3, skipped: 2, invalid: 2 } })
    expect(await count(list.id)).toBe(4)
  })

  it('adds contacts, leads and customers, creates leads for unknown e-mails, audits, and undo takes it all back', async () => {
    const list = await newList('展会名单')
    const { customer, contact, lead, already, csv } = await people('run', list.id)
    const a = await analyze(marketing, list.id, csvFile('m.csv', csv))
    const s = await api.run(marketing, a.id, { entity: 'mailing-list-members', listId: list.id, createMissing: true })
    expect(s).toMatchObject({ status: 'completed', counts: { created: 5, updated: 0, skipped: 2, invalid: 0 }, options: { listId: list.id } })

    const created = await t.db.selectFrom('leads').selectAll().where('email', 'in', ['new.run@fresh.cn', 'nameless.run@fresh.cn']).orderBy('email').execute()
    expect(created.map((l) => [l.name, l.company, l.email, l.phone, l.source, l.ownerId, l.teamId, l.version])).toEqual([
      ['nameless.run', null, 'nameless.run@fresh.cn', null, 'import', null, null, 1],
      ['新朋友', '新公司', 'new.run@fresh.cn', '+8613812345678', 'import', null, null, 1],
    ])
    expect(await count(list.id)).toBe(6)
    expect(await members(list.id)).toEqual([
      ['customer', 'buyer.run@corp.cn'], ['contact', 'Wang.Fang.run@Example.cn'], ['lead', 'li.lei.run@example.cn'],
      ['lead', 'nameless.run@fresh.cn'], ['lead', 'new.run@fresh.cn'], ['lead', 'old.run@example.cn'],
    ].sort((x, y) => x[1]!.localeCompare(y[1]!)))
    const rows = await t.db.selectFrom('mailingListMembers').select(['entityId', 'kind', 'createdBy']).where('listId', '=', list.id).execute()
    expect(new Map(rows.map((r) => [r.entityId, r.kind]))).toEqual(new Map([
      [customer.id, 'customer'], [contact.id, 'contact'], [lead.id, 'lead'], [already.id, 'lead'], [created[0]!.id, 'lead'], [created[1]!.id, 'lead'],
    ]))

    const audits = await t.db.selectFrom('auditLog').select(['action', 'entity', 'entityId', 'changes', 'requestId']).where('requestId', '=', `import:${a.id}`).execute()
    expect(audits.filter((x) => x.entity === 'mailing_list')).toEqual([
      { action: 'members.add', entity: 'mailing_list', entityId: list.id, requestId: `import:${a.id}`, changes: expect.objectContaining({ added: 5, importId: { before: null, after: a.id } }) },
    ])
    expect(audits.filter((x) => x.entity === 'lead').map((x) => [x.action, x.entityId]).sort()).toEqual(created.map((l) => ['create', l.id]).sort())

    const undo = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/undo`, headers: marketing })
    expect(undo.statusCode, undo.body).toBe(200)
    expect(undo.json()).toEqual({ removed: 7, restored: 0, notUndone: [] })
    expect(await members(list.id)).toEqual([['lead', 'old.run@example.cn']])
    expect(await count(list.id)).toBe(1)
    const after = await t.db.selectFrom('leads').select(['id', 'deletedAt']).where('id', 'in', [...created.map((l) => l.id), lead.id, already.id]).execute()
    expect(after.filter((l) => l.deletedAt !== null).map((l) => l.id).sort()).toEqual(created.map((l) => l.id).sort())
    expect(await t.db.selectFrom('auditLog').select('action').where('entityId', '=', list.id).where('action', '=', 'members.remove').execute()).toHaveLength(1)
  })

  it('undo leaves a lead edited since the import and says so, but takes its membership back', async () => {
    const list = await newList('撤销')
    const a = await analyze(marketing, list.id, csvFile('u.csv', 'Email,Name\nkeep.me@fresh.cn,Keep Me\ndrop.me@fresh.cn,Drop Me\n'))
    expect(await api.run(marketing, a.id, { entity: 'mailing-list-members', listId: list.id, createMissing: true })).toMatchObject({ counts: { created: 2 } })
    const keep = await t.db.selectFrom('leads').select('id').where('email', '=', 'keep.me@fresh.cn').executeTakeFirstOrThrow()
    expect((await req.patch(`/api/v1/leads/${keep.id}`, { score: 50, version: 1 }, admin)).statusCode).toBe(200)
    const undo = json(await req.post(`/api/v1/imports/${a.id}/undo`, {}, marketing))
    expect(undo).toEqual({ removed: 3, restored: 0, notUndone: [{ row: -2, entityId: keep.id, reason: expect.any(String) }] })
    expect(await count(list.id)).toBe(0)
  })

  it('a repeat import skips everyone already added; one call (POST /imports) takes listId as a form field', async () => {
    const list = await newList('一次上传')
    const c = await insertCustomer(t.db, { name: 'Form Co', email: 'form@co.cn' })
    const up = await api.upload(admin, { entity: 'mailing-list-members', listId: list.id }, csvFile('f.csv', 'Email\nFORM@co.cn\n'))
    expect(up.statusCode, up.body).toBe(202)
    await t.services.jobs.drain('import')
    expect(await api.status(admin, up.json().id)).toMatchObject({ status: 'completed', counts: { created: 1, skipped: 0 } })
    expectProblem(await api.upload(admin, { entity: 'mailing-list-members' }, csvFile('f.csv', 'Email\nform@co.cn\n')), 400, ['listId'])
    // The list may also come after the file, as the other options may.
    const body = multipart({ entity: 'mailing-list-members' }, csvFile('f.csv', 'Email\nform@co.cn\n'), { listId: list.id })
    const late = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...admin, ...body.headers }, payload: body.payload })
    expect(late.statusCode, late.body).toBe(202)
    await t.services.jobs.drain('import')
    expect(await api.status(admin, late.json().id)).toMatchObject({ status: 'completed', counts: { created: 0, skipped: 1 } })
    expect(await members(list.id)).toEqual([['customer', c.email]])
  })
})

describe('batches', () => {
  it('a repeat in a later batch is skipped, and a job that dies mid-way resumes after its last committed batch', async () => {
    const list = await newList('分批')
    const known = await insertContact(t.db, (await insertCustomer(t.db, { name: 'Batch Co' })).id, { name: 'Known', email: 'known@batch.cn' })
    const csv = ['Email,Name', 'known@batch.cn,Known', 'b1@batch.cn,B1', 'KNOWN@batch.cn,Known again', 'b2@batch.cn,Crash Once', 'b1@batch.cn,B1 again', 'b3@batch.cn,B3'].join('\n')
    const a = await analyze(marketing, list.id, csvFile('b.csv', csv))
    const ctx = { actor: { userId: marketingId, role: 'marketing' as const, teamId: null }, requestId: 'batch-test' }
    await t.services.imports.start(ctx, a.id, { entity: 'mailing-list-members', listId: list.id, createMissing: true }, { enqueue: false })
    // The database refuses the second batch's lead once, as a dying connection would.
    await t.database.execSql(`CREATE TABLE list_import_crash_once (done boolean);
      CREATE FUNCTION list_import_crash_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = 'Crash Once' AND NOT EXISTS (SELECT 1 FROM list_import_crash_once) THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER list_import_crash_once BEFORE INSERT ON leads FOR EACH ROW EXECUTE FUNCTION list_import_crash_once();`)
    const deps = { db: t.db, defaultRegion: 'CN', batchSize: 2 }
    await expect(runImport(deps, a.id)).rejects.toThrow('simulated crash')
    expect(await api.status(marketing, a.id)).toMatchObject({ status: 'running', progress: { processed: 2 } })
    expect(await count(list.id)).toBe(2)
    await sql.raw('INSERT INTO list_import_crash_once VALUES (true)').execute(t.db)
    await runImport(deps, a.id)
    await sql.raw('DROP TRIGGER list_import_crash_once ON leads').execute(t.db)
    expect(await api.status(marketing, a.id)).toMatchObject({ status: 'completed', counts: { created: 4, skipped: 2, invalid: 0 }, progress: { processed: 6, total: 6 } })
    expect(await members(list.id)).toEqual([['lead', 'b1@batch.cn'], ['lead', 'b2@batch.cn'], ['lead', 'b3@batch.cn'], ['contact', known.email]])
    expect(await t.db.selectFrom('leads').select('id').where('email', 'like', '%@batch.cn').where('deletedAt', 'is', null).execute()).toHaveLength(3)
  })
})

describe('what is refused', () => {
  it('a dynamic, deleted or unknown list, a list for another entity, no list, and duplicate options → 400 on the field', async () => {
    const list = await newList('正常')
    const dynamic = await newList('动态', 'dynamic')
    const gone = await newList('已删除')
    expect((await req.del(`/api/v1/mailing-lists/${gone.id}`, marketing)).statusCode).toBe(204)
    const file = csvFile('r.csv', 'Email\na@b.cn\n')

    const dyn = expectProblem(await api.analyze(marketing, 'mailing-list-members', file, { listId: dynamic.id }), 400, ['listId'])
    expect(dyn.errors![0]!.message).toMatch(/dynamic/)
    expectProblem(await api.analyze(marketing, 'mailing-list-members', file, { listId: gone.id }), 400, ['listId'])
    expectProblem(await api.analyze(marketing, 'mailing-list-members', file, { listId: '0190f0f0-0000-7000-8000-000000000000' }), 400, ['listId'])
    expectProblem(await api.analyze(admin, 'leads', file, { listId: list.id }), 400, ['listId'])
    expectProblem(await api.upload(admin, { entity: 'customers', listId: list.id }, file), 400, ['listId'])

    const a = await analyze(marketing, list.id, file)
    const start = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/start`, headers: marketing, payload: body })
    expectProblem(await start({ entity: 'mailing-list-members' }), 400, ['listId'])
    expectProblem(await start({ entity: 'mailing-list-members', listId: dynamic.id }), 400, ['listId'])
    expectProblem(await start({ entity: 'mailing-list-members', listId: gone.id }), 400, ['listId'])
    expectProblem(await start({ entity: 'leads', listId: list.id }), 400, ['listId'])
    expectProblem(await start({ entity: 'mailing-list-members', listId: list.id, mode: 'upsert', dedupeBy: 'email' }), 400, ['mode', 'dedupeBy'])
    expectProblem(await start({ entity: 'mailing-list-members', listId: list.id, mode: 'skip-duplicates' }), 400, ['mode'])
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/preview`, headers: marketing, payload: { entity: 'mailing-list-members', listId: dynamic.id } }), 400, ['listId'])
    // None of it started the import.
    expect(await api.run(marketing, a.id, { entity: 'mailing-list-members', listId: list.id, createMissing: true })).toMatchObject({ status: 'completed', counts: { created: 1 } })
  })

  it('only marketing and admins import list members', async () => {
    const list = await newList('权限')
    const res = await api.analyze(sales, 'mailing-list-members', csvFile('s.csv', 'Email\na@b.cn\n'), { listId: list.id })
    expectProblem(res, 403)
    expectProblem(await api.analyze(sales, 'mailing-list-members', csvFile('s.csv', 'Email\na@b.cn\n')), 403)
    const manager = await sessionFor(t, (await insertUser(t.db, { role: 'manager' })).id)
    expectProblem(await api.analyze(manager, 'mailing-list-members', csvFile('s.csv', 'Email\na@b.cn\n')), 403)
  })
})

describe('kith import mailing-list-members', () => {
  it('takes the list by exact name and writes the rejected rows beside the file', async () => {
    await newList('CLI 名单')
    const list = await newList('CLI 名单 2')
    const customer = await insertCustomer(t.db, { name: 'Cli Co', email: 'cli@co.cn' })
    const dir = mkdtempSync(join(tmpdir(), 'kith-list-import-'))
    try {
      const file = join(dir, 'members.csv')
      writeFileSync(file, 'Name,Email,Company\nCli Co,CLI@co.cn,\nNobody,nobody@nowhere.cn,\n')
      const out: string[] = []
      const sink = (into: string[]) => ({ write: (s: string) => into.push(s), isTTY: false }) as unknown as NodeJS.WriteStream
      const code = await runCliImport(t.services, t.db, 'CN', 'mailing-list-members', file, { mapping: 'auto', list: 'CLI 名单 2', skipInvalid: true, as: (await t.db.selectFrom('users').select('email').where('id', '=', marketingId).executeTakeFirstOrThrow()).email }, sink(out), sink([]))
      expect(code).toBe(0)
      expect(out.join('')).toMatch(/^completed: 1 created, 0 updated, 0 skipped, 1 invalid/)
      expect(await members(list.id)).toEqual([['customer', customer.email]])
      await expect(runCliImport(t.services, t.db, 'CN', 'mailing-list-members', file, { mapping: 'auto', list: 'No Such List' }, sink([]), sink([]))).rejects.toThrow(/No mailing list is named/)
      await expect(runCliImport(t.services, t.db, 'CN', 'mailing-list-members', file, { mapping: 'auto' }, sink([]), sink([]))).rejects.toThrow(/--list/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
