import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertTeam, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { importApi, multipart } from './imports.test-support'

let t: TestApp
let api: ReturnType<typeof importApi>
let manager: AuthHeaders
let managerId: string
let chinese: AuthHeaders
let teamId: string

beforeAll(async () => {
  t = await createTestApp()
  api = importApi(t)
  const team = await insertTeam(t.db)
  teamId = team.id
  managerId = (await insertUser(t.db, { role: 'manager', teamId: team.id })).id
  manager = await sessionFor(t, managerId)
  const zhId = (await insertUser(t.db, { role: 'manager', teamId: team.id })).id
  await t.db.updateTable('users').set({ locale: 'zh-CN' }).where('id', '=', zhId).execute()
  chinese = await sessionFor(t, zhId)
})
afterAll(() => t.close())

const file = (csv: string) => ({ name: 'x.csv', data: Buffer.from(csv) })
const upload = (as: AuthHeaders, fields: Record<string, string>, csv: string, headers: Record<string, string> = {}) => {
  const body = multipart(fields, file(csv))
  return t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...as, ...headers, ...body.headers }, payload: body.payload })
}

describe('a required field without a column is refused before anything starts', () => {
  it('products without a SKU column: 400 naming the field, for a run and a dry run, in the user’s language', async () => {
    const csv = '产品名称,单价\n螺丝,1.50\n'
    for (const dryRun of ['false', 'true']) {
      const res = await upload(manager, { entity: 'products', dryRun }, csv, { 'accept-language': 'en-US,en;q=0.9' })
      expectProblem(res, 400, ['mapping'])
      expect(res.json().errors).toEqual([{ path: 'mapping', message: 'No column is mapped to SKU (产品编码), which every product needs' }])
    }
    const zh = await upload(manager, { entity: 'products' }, csv, { 'accept-language': 'zh-CN,zh;q=0.9' })
    expect(zh.json().errors[0].message).toBe('没有列映射到“产品编码（SKU）”，每个产品都需要此字段')
    // The user's own locale wins over the browser's.
    const own = await upload(chinese, { entity: 'products' }, csv, { 'accept-language': 'en' })
    expect(own.json().errors[0].message).toContain('产品编码（SKU）')
    expect(await t.db.selectFrom('products').select('id').execute()).toEqual([])
  })

  it.each([
    ['customers', ['Name (名称)']],
    ['leads', ['Name (名称)']],
    ['contacts', ['Customer (客户)', 'Name (名称)']],
    ['opportunities', ['Name (名称)', 'Customer (客户)']],
    ['products', ['SKU (产品编码)', 'Name (名称)']],
  ])('%s: every missing required field is named, at /start too', async (entity, labels) => {
    const a = (await api.analyze(manager, entity, file('Remarks\nhello\n'))).json()
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/start`, headers: { ...manager, 'accept-language': 'en' }, payload: { entity, dryRun: true } })
    expectProblem(res, 400)
    expect(res.json().errors.map((e: { message: string }) => e.message)).toEqual(labels.map((l) => expect.stringContaining(`No column is mapped to ${l}`)))
    expect((await api.status(manager, a.id)).status).toBe('ready')
  })
})

describe('row messages name fields by their labels, in plain words', () => {
  it('a blank required cell and a missing customer say so without internal names or zod wording', async () => {
    const a = (await api.analyze(manager, 'products', file('sku,name\n,No Code\nP-1,\n'))).json()
    const s = await api.run(manager, a.id, { entity: 'products', dryRun: true })
    expect(s.rowErrors).toEqual([
      { row: 2, errors: [{ path: 'sku', message: 'Required, but the cell is empty' }] },
      { row: 3, errors: [{ path: 'name', message: 'Required, but the cell is empty' }] },
    ])
    await insertCustomer(t.db, { name: 'Known Co', ownerId: managerId, teamId })
    const c = (await api.analyze(chinese, 'contacts', file('customer,name\n,无客户\nKnown Co,有客户\n'))).json()
    const cs = await api.run(chinese, c.id, { entity: 'contacts', skipInvalid: true })
    expect(cs.rowErrors).toEqual([{ row: 2, errors: [{ path: 'customer', message: '必填，但单元格为空' }] }])
    const csv = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${c.id}/errors.csv`, headers: chinese })
    expect(csv.body).toContain('客户: 必填，但单元格为空')
    expect(csv.body).not.toMatch(/customerId|Invalid input/)
  })
})
