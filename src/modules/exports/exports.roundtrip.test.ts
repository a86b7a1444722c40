import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertUser } from '../../test/factories'
import { http } from '../../test/http'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { IMPORT_JOB } from '../imports/imports.service'

/**
 * Export → import gives the same records: customers exported from one Kith (CSV and XLSX) are
 * imported into an empty one with the proposed mapping, and its export matches the first, less
 * the columns a new record gets anew (id, created, updated).
 */
let from: TestApp
let to: TestApp
let asFrom: AuthHeaders
let asTo: AuthHeaders

const FRESH = ['ID', 'Created', 'Updated']

/** A multipart/form-data body as a browser sends it: the text fields, then the file. */
function multipart(fields: Record<string, string>, file: { name: string; body: Buffer; type: string }) {
  const boundary = `----kithexport${Math.random().toString(16).slice(2)}`
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(file.name)}"\r\nContent-Type: ${file.type}\r\n\r\n`))
  parts.push(file.body, Buffer.from(`\r\n--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

async function importInto(t: TestApp, as: AuthHeaders, file: { name: string; body: Buffer; type: string }) {
  const { payload, contentType } = multipart({ entity: 'customers' }, file)
  const analyzed = await t.app.inject({ method: 'POST', url: '/api/v1/imports/analyze', headers: { ...as, 'content-type': contentType }, payload })
  expect(analyzed.statusCode, analyzed.body).toBe(200)
  const { id } = analyzed.json() as { id: string }
  const started = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/start`, headers: as, payload: { entity: 'customers', mode: 'create' } })
  expect(started.statusCode, started.body).toBe(202)
  while ((await t.services.jobs.drain(IMPORT_JOB)) > 0) { /* until the job is done */ }
  const status = (await http(t).get(`/api/v1/imports/${id}`, as)).json()
  expect(status, JSON.stringify(status)).toMatchObject({ status: 'completed', counts: { invalid: 0 } })
  return status as { counts: { created: number } }
}

/** The export as rows of text keyed by header, without the columns a re-created record cannot keep. */
/** The records as the API gives them, less what a re-created record cannot keep. */
async function records(t: TestApp, as: AuthHeaders) {
  const res = await http(t).get('/api/v1/customers?sort=name&limit=200', as)
  return (res.json() as { items: Record<string, unknown>[] }).items.map(({ id: _i, createdAt: _c, updatedAt: _u, createdBy: _b, ownerId: _o, teamId: _t, ...rest }) => rest)
}

async function exported(t: TestApp, as: AuthHeaders) {
  const res = await http(t).get('/api/v1/customers/export?lang=en&sort=name', as)
  const [header, ...rows] = parse(res.body.replace(/^\uFEFF/, '')) as string[][]
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]]).filter(([h]) => !FRESH.includes(h!))))
}

beforeAll(async () => {
  from = await createTestApp()
  to = await createTestApp()
  // As main.ts does at boot: the queue's schema is opened before a service enqueues inside a transaction
  // (on PGlite's one connection, opening it from within the transaction would wait on itself).
  await from.services.jobs.start()
  await to.services.jobs.start()
  const a = await insertUser(from.db, { role: 'admin', name: '林管理', email: 'lin@example.com' })
  const b = await insertUser(to.db, { role: 'admin', name: '林管理', email: 'lin@example.com' })
  asFrom = await sessionFor(from, a.id)
  asTo = await sessionFor(to, b.id)
  const api = http(from)
  const customers = [
    { name: '北京星辰数据科技有限公司', type: 'company', email: 'info@xingchen.cn', phone: '13800138000', company: '星辰数据', website: 'https://xingchen.cn', industry: '软件', address: { country: '中国', region: '北京', city: '北京', street: '海淀区中关村大街 1 号', postalCode: '100080' }, tags: ['重点', 'vip'], status: 'active', source: '展会', description: '多行备注\n第二行，含"引号"和逗号' },
    { name: 'Globex Trading Ltd', type: 'company', email: 'sales@globex.example', phone: '+1 650 253 0000', status: 'prospect', tags: [] },
    { name: '张三', type: 'person', phone: '021-6234 5678', status: 'inactive', industry: '制造业' },
    { name: '=HYPERLINK("http://evil.example")', type: 'company', description: '@SUM(1+1)' },
  ]
  for (const c of customers) expect((await api.post('/api/v1/customers', c, asFrom)).statusCode).toBe(201)
})
afterAll(async () => {
  await from?.close()
  await to?.close()
})

describe('export → import round trip', () => {
  it('CSV: the imported customers export exactly as the originals', async () => {
    const file = await http(from).get('/api/v1/customers/export?lang=en', asFrom)
    const status = await importInto(to, asTo, { name: 'customers.csv', body: file.rawPayload, type: 'text/csv' })
    expect(status.counts.created).toBe(4)
    expect(await exported(to, asTo)).toEqual(await exported(from, asFrom))
    // The text a formula escape protected comes back as it was typed, without the apostrophe.
    expect(await records(to, asTo)).toEqual(await records(from, asFrom))
  })

  it('XLSX (Chinese headers): the same records again', async () => {
    await to.db.deleteFrom('customers').execute()
    const file = await http(from).get('/api/v1/customers/export?format=xlsx&lang=zh-CN', asFrom)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer)
    expect(wb.worksheets[0]!.actualRowCount).toBe(5)
    const status = await importInto(to, asTo, { name: '客户.xlsx', body: file.rawPayload, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
    expect(status.counts.created).toBe(4)
    expect(await exported(to, asTo)).toEqual(await exported(from, asFrom))
    expect(await records(to, asTo)).toEqual(await records(from, asFrom))
  })
})
