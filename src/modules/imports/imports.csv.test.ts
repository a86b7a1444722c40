import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertTeam, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { importApi } from './imports.test-support'

let t: TestApp
let api: ReturnType<typeof importApi>
let sales: AuthHeaders
let salesId: string

beforeAll(async () => {
  t = await createTestApp()
  api = importApi(t)
  const team = await insertTeam(t.db)
  salesId = (await insertUser(t.db, { role: 'sales', teamId: team.id })).id
  sales = await sessionFor(t, salesId)
})
afterAll(() => t.close())

const customersNamed = (names: string[]) => t.db.selectFrom('customers').selectAll().where('name', 'in', names).where('deletedAt', 'is', null).orderBy('name').execute()

const CHINESE = '客户名称,电子邮件,手机,公司,城市,标签\n张伟,zhang.wei@example.cn,13812345678,北京星辰科技,北京,"重点,VIP"\n李娜,li.na@example.cn,+86 139 0000 1111,上海云海贸易,上海,\n'

describe('encodings and dialects', () => {
  const cases: [string, Buffer, string, string][] = [
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CHINESE.replaceAll('张伟', '张伟1').replaceAll('李娜', '李娜1'))]), 'utf-8', ','],
    ['GBK (Chinese Excel)', iconv.encode(CHINESE.replaceAll('张伟', '张伟2').replaceAll('李娜', '李娜2'), 'gbk'), 'gb18030', ','],
    ['GB18030', iconv.encode(CHINESE.replaceAll('张伟', '张伟3').replaceAll('李娜', '李娜3'), 'gb18030'), 'gb18030', ','],
    ['UTF-16LE with tabs', iconv.encode('\uFEFF' + CHINESE.replaceAll('张伟', '张伟4').replaceAll('李娜', '李娜4').replaceAll(',', '\t').replace('"重点\tVIP"', '重点;VIP'), 'utf-16le'), 'utf-16le', '\t'],
    ['semicolons', Buffer.from(CHINESE.replaceAll('张伟', '张伟5').replaceAll('李娜', '李娜5').replaceAll(',', ';').replace('"重点;VIP"', '"重点,VIP"')), 'utf-8', ';'],
  ]
  it.each(cases)('%s: detected, mapped from Chinese headers and imported', async (_label, data, encoding, delimiter) => {
    const res = await api.analyze(sales, 'customers', { name: 'customers.csv', data })
    expect(res.statusCode, res.body).toBe(200)
    const a = res.json()
    expect(a).toMatchObject({ format: 'csv', encoding, delimiter, headerRow: 1, columns: ['客户名称', '电子邮件', '手机', '公司', '城市', '标签'] })
    expect(a.proposedMapping).toEqual({ 客户名称: 'name', 电子邮件: 'email', 手机: 'phone', 公司: 'company', 城市: 'address.city', 标签: 'tags' })
    const n = _label === 'UTF-8 with BOM' ? 1 : _label.startsWith('GBK') ? 2 : _label === 'GB18030' ? 3 : _label.startsWith('UTF-16') ? 4 : 5
    const status = await api.run(sales, a.id, { entity: 'customers' })
    expect(status).toMatchObject({ status: 'completed', counts: { created: 2, updated: 0, skipped: 0, invalid: 0 }, progress: { processed: 2, total: 2 } })
    const rows = await customersNamed([`张伟${n}`, `李娜${n}`])
    expect(rows.map((r) => [r.name, r.email, r.phone, r.company, r.address?.city, r.ownerId])).toEqual([
      [`張伟${n}`.replace('張', '张'), 'zhang.wei@example.cn', '+8613812345678', '北京星辰科技', '北京', salesId],
      [`李娜${n}`, 'li.na@example.cn', '+8613900001111', '上海云海贸易', '上海', salesId],
    ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))))
    const tagged = rows.find((r) => r.name === `张伟${n}`)!
    expect(tagged.tags).toEqual(['重点', 'VIP'])
    const audits = await t.db.selectFrom('auditLog').select(['action', 'entity']).where('entityId', 'in', rows.map((r) => r.id)).execute()
    expect(audits).toEqual([{ action: 'create', entity: 'customer' }, { action: 'create', entity: 'customer' }])
  })
})

describe('header detection, mapping and values', () => {
  it('skips a title line above the header, sniffs an e-mail column, keeps formulas as text', async () => {
    const csv = '客户导出 2026-01-05,,\nName,Contact,Notes\nAcme Formula,ops@acme-formula.com,"=HYPERLINK(""http://evil"",""x"")"\n'
    const a = (await api.analyze(sales, 'customers', { name: 'x.csv', data: Buffer.from(csv) })).json()
    expect(a.headerRow).toBe(2)
    expect(a.proposedMapping).toEqual({ Name: 'name', Contact: 'email', Notes: 'description' })
    const preview = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/preview`, headers: sales, payload: { entity: 'customers' } })
    expect(preview.statusCode, preview.body).toBe(200)
    expect(preview.json().rows).toEqual([{ row: 3, errors: [], warnings: [], values: expect.objectContaining({ name: 'Acme Formula', email: 'ops@acme-formula.com', description: '=HYPERLINK("http://evil","x")' }) }])
    expect(await api.run(sales, a.id, { entity: 'customers' })).toMatchObject({ status: 'completed', counts: { created: 1 } })
    expect((await customersNamed(['Acme Formula']))[0]!.description).toBe('=HYPERLINK("http://evil","x")')
  })
})

describe('dry run, invalid rows, errors.csv', () => {
  const csv = 'name,email,phone,status\nGood One,good1@x.cn,13812340001,Active\n,noname@x.cn,,\nBad Mail,not-an-email,,\nBad Phone,bp@x.cn,12345,\nBad Status,bs@x.cn,,whatever\nGood Two,good2@x.cn,,潜在客户\n'

  it('a dry run counts and lists every invalid row and writes nothing', async () => {
    const a = (await api.analyze(sales, 'customers', { name: 'dry.csv', data: Buffer.from(csv) })).json()
    expect(a.proposedValueMapping).toEqual({ status: { Active: 'active', 潜在客户: 'prospect' } })
    const s = await api.run(sales, a.id, { entity: 'customers', dryRun: true })
    expect(s).toMatchObject({ status: 'dry_run_done', counts: { created: 2, updated: 0, skipped: 0, invalid: 4 } })
    expect(s.rowErrors.map((e: any) => [e.row, e.errors.map((x: any) => x.path)])).toEqual([[3, ['name']], [4, ['email']], [5, ['phone']], [6, ['status']]])
    expect(await customersNamed(['Good One', 'Good Two'])).toEqual([])
  })

  it('without skipInvalid nothing is written; errors.csv has the rows and reasons; with it, the good rows land', async () => {
    const a = (await api.analyze(sales, 'customers', { name: 'bad.csv', data: Buffer.from(csv) })).json()
    const failed = await api.run(sales, a.id, { entity: 'customers' })
    expect(failed).toMatchObject({ status: 'failed', counts: { invalid: 4 }, error: expect.stringContaining('nothing was imported') })
    expect(await customersNamed(['Good One', 'Good Two'])).toEqual([])
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${a.id}/errors.csv`, headers: sales })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/csv/)
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\n')
    expect(lines[0]).toBe('Row / 行号,name,email,phone,status,Reason / 原因')
    expect(lines).toHaveLength(5)
    expect(lines[2]).toMatch(/^4,Bad Mail,not-an-email,,,"E-mail: .*not an e-mail/)

    const b = (await api.analyze(sales, 'customers', { name: 'bad.csv', data: Buffer.from(csv) })).json()
    expect(await api.run(sales, b.id, { entity: 'customers', skipInvalid: true })).toMatchObject({ status: 'completed', counts: { created: 2, invalid: 4 } })
    expect((await customersNamed(['Good One', 'Good Two'])).map((r) => r.status)).toEqual(['active', 'prospect'])
  })
})

describe('duplicates and undo', () => {
  it('upsert by e-mail updates the match, skip-duplicates leaves it, undo restores and removes', async () => {
    const existing = await insertCustomer(t.db, { name: 'Dup Co', email: 'dup@co.cn', ownerId: salesId, industry: 'retail' })
    const csv = 'name,email,industry\nDup Co Ltd,DUP@co.cn,manufacturing\nFresh Co,fresh@co.cn,tech\n'
    const skip = (await api.analyze(sales, 'customers', { name: 'd.csv', data: Buffer.from(csv) })).json()
    expect(await api.run(sales, skip.id, { entity: 'customers', mode: 'skip-duplicates', dedupeBy: 'email' })).toMatchObject({ counts: { created: 1, skipped: 1, updated: 0 } })
    expect((await customersNamed(['Dup Co']))[0]!.industry).toBe('retail')

    const up = (await api.analyze(sales, 'customers', { name: 'd.csv', data: Buffer.from(csv) })).json()
    expect(await api.run(sales, up.id, { entity: 'customers', mode: 'upsert', dedupeBy: 'email' })).toMatchObject({ status: 'completed', counts: { created: 0, updated: 1, unchanged: 1, skipped: 0 } })
    const updated = await t.db.selectFrom('customers').selectAll().where('id', '=', existing.id).executeTakeFirstOrThrow()
    expect(updated).toMatchObject({ name: 'Dup Co Ltd', industry: 'manufacturing', version: 2, ownerId: salesId })

    const undo = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${skip.id}/undo`, headers: sales })
    expect(undo.json()).toEqual({ removed: 1, restored: 0, notUndone: [] })
    expect(await customersNamed(['Fresh Co'])).toEqual([])
    const undo2 = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${up.id}/undo`, headers: sales })
    expect(undo2.json()).toEqual({ removed: 0, restored: 1, notUndone: [] })
    expect(await t.db.selectFrom('customers').selectAll().where('id', '=', existing.id).executeTakeFirstOrThrow()).toMatchObject({ name: 'Dup Co', industry: 'retail', version: 3 })
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/imports/${up.id}/undo`, headers: sales }), 409)
    expect((await api.status(sales, up.id)).status).toBe('undone')
  })

  it('undo leaves a record changed since the import and says so', async () => {
    const a = (await api.analyze(sales, 'customers', { name: 'u.csv', data: Buffer.from('name\nKeep Me Edited\nRemove Me\n') })).json()
    await api.run(sales, a.id, { entity: 'customers' })
    const [edited] = await customersNamed(['Keep Me Edited'])
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/customers/${edited!.id}`, headers: sales, payload: { industry: 'edited', version: 1 } })
    expect(patch.statusCode).toBe(200)
    const undo = (await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/undo`, headers: sales })).json()
    expect(undo).toEqual({ removed: 1, restored: 0, notUndone: [{ row: 2, entityId: edited!.id, reason: expect.any(String) }] })
    expect((await customersNamed(['Keep Me Edited', 'Remove Me'])).map((r) => r.name)).toEqual(['Keep Me Edited'])
  })
})
