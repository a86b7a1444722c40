import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertTeam, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { importApi, zip } from './imports.test-support'

let t: TestApp
let api: ReturnType<typeof importApi>
let sales: AuthHeaders
let marketing: AuthHeaders
let other: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  api = importApi(t)
  const team = await insertTeam(t.db)
  sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales', teamId: team.id })).id)
  other = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
  marketing = await sessionFor(t, (await insertUser(t.db, { role: 'marketing' })).id)
})
afterAll(() => t.close())

const imports = () => t.db.selectFrom('imports').select('id').execute()

describe('files that cannot be imported get a clear file error and leave nothing behind', () => {
  const cases: [string, string, Buffer, RegExp][] = [
    ['empty file', 'e.csv', Buffer.alloc(0), /empty/],
    ['only blanks', 'e.csv', Buffer.from('\uFEFF\r\n\r\n  \r\n'), /empty/],
    ['header only', 'h.csv', Buffer.from('name,email\r\n'), /no data rows/],
    ['unterminated quote', 'q.csv', Buffer.from('name,email\n"Open quote,a@b.cn\nNext,c@d.cn\n'), /never closed/],
    ['random bytes named .xlsx', 'fake.xlsx', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /not a zip/],
    ['an old .xls', 'old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]), /\.xls files are not supported/],
    ['a zip that is no workbook', 'x.xlsx', zip([{ name: 'hello.txt', data: Buffer.from('hi') }]), /not an Excel workbook/],
    ['a binary file', 'pic.csv', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 2000 }, (_, i) => i % 32))]), /not a CSV/],
  ]
  it.each(cases)('%s', async (_label, name, data, message) => {
    const before = (await imports()).length
    const res = await api.analyze(sales, 'customers', { name, data })
    const body = expectProblem(res, 400, ['file'])
    expect(body.errors![0]!.message).toMatch(message)
    expect(await imports()).toHaveLength(before)
  })

  it('a zip bomb is refused from its directory, fast and without inflating it', async () => {
    // 200 MB of zeros deflates to ~200 KB: a 1000× ratio no spreadsheet has.
    const bomb = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(200 * 1024 * 1024) },
    ])
    expect(bomb.length).toBeLessThan(1024 * 1024)
    const rss = process.memoryUsage().rss
    const started = Date.now()
    const body = expectProblem(await api.analyze(sales, 'customers', { name: 'bomb.xlsx', data: bomb }), 400, ['file'])
    expect(body.errors![0]!.message).toMatch(/zip bomb/)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024)
  })

  it('ragged rows are per-row errors; the good rows still import with skipInvalid', async () => {
    const csv = 'name,email\nOk Ragged,ok@r.cn\nToo Many,tm@r.cn,extra\nShort Row\n'
    const a = (await api.analyze(sales, 'customers', { name: 'r.csv', data: Buffer.from(csv) })).json()
    const s = await api.run(sales, a.id, { entity: 'customers', skipInvalid: true })
    expect(s).toMatchObject({ status: 'completed', counts: { created: 2, invalid: 1 } })
    expect(s.rowErrors).toEqual([{ row: 3, errors: [{ path: 'row', message: 'The row has 3 cells but the header has 2' }] }])
  })
})

describe('requests and permissions', () => {
  it('refuses a missing file, a missing entity and bad options with field errors', async () => {
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/imports/analyze', headers: { ...sales, 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--\r\n' }), 400, ['file'])
    expectProblem(await api.analyze(sales, 'widgets', { name: 'a.csv', data: Buffer.from('name\nA\n') }), 400, ['entity'])
    const a = (await api.analyze(sales, 'customers', { name: 'a.csv', data: Buffer.from('name,email\nA,a@a.cn\n') })).json()
    const start = (payload: unknown) => t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/start`, headers: sales, payload: payload as object })
    expectProblem(await start({ entity: 'customers', mode: 'upsert' }), 400, ['dedupeBy'])
    expectProblem(await start({ entity: 'customers', bogus: 1 }), 400)
    expectProblem(await start({ entity: 'customers', mapping: { name: 'name', email: 'nonsense' } }), 400, ['mapping.email'])
    expectProblem(await start({ entity: 'customers', mapping: { email: 'email' } }), 400, ['mapping'])
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: sales, payload: { entity: 'customers' } }), 415)
  })

  it('another user sees no trace of my import; marketing may import leads but not customers', async () => {
    const a = (await api.analyze(sales, 'customers', { name: 'a.csv', data: Buffer.from('name\nMine\n') })).json()
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/imports/${a.id}`, headers: other }), 404)
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/imports/${a.id}/errors.csv`, headers: other }), 404)
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/undo`, headers: other }), 404)
    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/imports', headers: other })).json()
    expect(mine.items.map((i: { id: string }) => i.id)).not.toContain(a.id)
    expectProblem(await api.analyze(marketing, 'customers', { name: 'a.csv', data: Buffer.from('name\nX\n') }), 403)
    const leads = await api.upload(marketing, { entity: 'leads' }, { name: 'l.csv', data: Buffer.from('姓名,公司,邮箱\n赵六,赵氏集团,zhao@liu.cn\n') })
    expect(leads.statusCode, leads.body).toBe(202)
    await t.services.jobs.drain('import')
    expect(await api.status(marketing, leads.json().id)).toMatchObject({ status: 'completed', counts: { created: 1 } })
    expect(await t.db.selectFrom('leads').select(['name', 'company', 'ownerId']).where('email', '=', 'zhao@liu.cn').execute()).toEqual([{ name: '赵六', company: '赵氏集团', ownerId: null }])
  })

  it('a sales rep cannot hand imported records to a user outside his team', async () => {
    const outsider = await insertUser(t.db, { role: 'sales', email: 'outsider@kith.test' })
    const res = await api.upload(sales, { entity: 'customers', dryRun: 'true' }, { name: 'o.csv', data: Buffer.from(`name,owner\nGiven Away,${outsider.email}\n`) })
    await t.services.jobs.drain('import')
    const s = await api.status(sales, res.json().id)
    expect(s.rowErrors).toEqual([{ row: 2, errors: [{ path: 'owner', message: expect.stringContaining('may not assign') }] }])
  })
})

describe('xlsx', () => {
  it('reads the chosen sheet, Excel dates, formulas (cached value, not evaluated), and lists the sheets', async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('说明').addRow(['this sheet explains the file'])
    const ws = wb.addWorksheet('客户')
    ws.addRow(['名称', '邮箱', '行业', '备注'])
    ws.addRow(['表格客户甲', 'a@xlsx.cn', { formula: 'UPPER("retail")', result: 'RETAIL' }, new Date(Date.UTC(2026, 0, 5))])
    ws.addRow(['表格客户乙', { text: 'b@xlsx.cn', hyperlink: 'mailto:b@xlsx.cn' }, null, { richText: [{ text: '重' }, { text: '要' }] }])
    const data = Buffer.from(await wb.xlsx.writeBuffer())
    const res = await api.analyze(sales, 'customers', { name: 'book.xlsx', data }, { sheet: '客户' })
    expect(res.statusCode, res.body).toBe(200)
    const a = res.json()
    expect(a).toMatchObject({ format: 'xlsx', sheets: ['说明', '客户'], sheet: '客户', headerRow: 1, columns: ['名称', '邮箱', '行业', '备注'] })
    expect(a.sampleRows).toEqual([['表格客户甲', 'a@xlsx.cn', 'RETAIL', '2026-01-05'], ['表格客户乙', 'b@xlsx.cn', '', '重要']])
    expect(await api.run(sales, a.id, { entity: 'customers' })).toMatchObject({ status: 'completed', counts: { created: 2 } })
    const rows = await t.db.selectFrom('customers').select(['name', 'industry', 'description']).where('email', 'in', ['a@xlsx.cn', 'b@xlsx.cn']).orderBy('email').execute()
    expect(rows).toEqual([{ name: '表格客户甲', industry: 'RETAIL', description: '2026-01-05' }, { name: '表格客户乙', industry: null, description: '重要' }])
    expectProblem(await api.analyze(sales, 'customers', { name: 'book.xlsx', data }, { sheet: 'Nope' }), 400, ['file'])
  })
})
