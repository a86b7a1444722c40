import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertTeam, insertUser } from '../../test/factories'
import { importApi } from './imports.test-support'

let t: TestApp
let api: ReturnType<typeof importApi>
let sales: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  api = importApi(t)
  sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales', teamId: (await insertTeam(t.db)).id })).id)
})
afterAll(() => t.close())

const analyze = async (entity: string, csv: string) => {
  const res = await api.analyze(sales, entity, { name: 'file.csv', data: Buffer.from(csv) })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}
const pick = (s: Record<string, any>) => Object.fromEntries(Object.entries(s).map(([c, v]) => [c, [v.field, v.confidence, v.hint]]))

describe('mapping suggestions from headers and values', () => {
  it("a CRM export of deals: the id names the deal, the product is the deal's line (not its name), a stage first seen late is still proposed", async () => {
    const stages = ['Prospecting', 'Engaging', 'Won']
    const rows = Array.from({ length: 60 }, (_, i) =>
      `1C1I${(1296 + i).toString(36).toUpperCase()}R,Moses Frase,GTX Plus Basic,Cancity,${i === 45 ? 'Lost' : stages[i % 3]},2016-10-${String((i % 28) + 1).padStart(2, '0')},2017-03-01,${1000 + i}`)
    const a = await analyze('opportunities', ['opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value', ...rows].join('\n'))
    expect(pick(a.suggestions)).toEqual({
      opportunity_id: ['name', 'high', null],
      sales_agent: ['owner', 'high', null],
      product: ['product', 'high', null],
      account: ['customer', 'high', null],
      deal_stage: ['stage', 'high', null],
      engage_date: ['createdAt', 'high', null],
      close_date: ['expectedCloseDate', 'high', null],
      close_value: ['amount', 'high', null],
    })
    expect(a.suggestions.close_value.type).toBe('numeric')
    expect(a.suggestions.engage_date.type).toBe('date')
    expect(a.profiledRows).toBe(60)
    expect(a.sampleRows).toHaveLength(20)
    // Row 47 holds the only "Lost": the value mapping comes from every profiled row, not the first 20.
    expect(a.proposedValueMapping.stage).toEqual({ Prospecting: 'qualification', Engaging: 'negotiation', Won: 'won', Lost: 'lost' })
  })

  it('a numeric column is never mapped to a name or company unasked: it stays unmapped with a low-confidence hint', async () => {
    const csv = 'account,employees,sector,revenue,Company,office_location\nAcme Corporation,2822,technolgy,1100.04,120,United States\nBetasoloin,1179,medical,251.41,45,United States\n'
    const a = await analyze('customers', csv)
    expect(pick(a.suggestions)).toMatchObject({
      account: ['name', 'high', null],
      employees: [null, 'low', 'company'],
      sector: ['industry', 'high', null],
      Company: [null, 'low', 'company'],
    })
    expect(a.suggestions.employees).toMatchObject({ type: 'numeric', reason: 'its values are numbers' })
    expect(a.proposedMapping).toMatchObject({ account: 'name', employees: null, Company: null })

    const zh = await analyze('customers', '客户名称,员工人数,公司,联系电话,邮箱,所属行业\n北京星辰科技,350,88,010-6552 9988,a@x.cn,软件\n上海云海贸易,12,99,13800138000,b@x.cn,贸易\n')
    expect(pick(zh.suggestions)).toEqual({
      客户名称: ['name', 'high', null],
      员工人数: [null, null, null],
      公司: [null, 'low', 'company'],
      联系电话: ['phone', 'high', null],
      邮箱: ['email', 'high', null],
      所属行业: ['industry', 'high', null],
    })
  })

  it('values decide where a header does not: a column of e-mails is medium; a mostly-fitting header is medium', async () => {
    const emails = Array.from({ length: 30 }, (_, i) => `Person ${i},${i < 25 ? '' : `p${i}@example.com`},${i % 10 === 0 ? 'n/a' : '2026-01-05'}`)
    const a = await analyze('leads', ['Name,Reach me at,created', ...emails].join('\n'))
    expect(pick(a.suggestions)).toMatchObject({ Name: ['name', 'high', null], 'Reach me at': ['email', 'medium', null] })
    // The e-mails start at row 27: 20 sample rows alone would not have seen them.
    expect(a.sampleRows.every((r: string[]) => r[1] === '')).toBe(true)

    // The preview reply carries the same suggestions; starting without a mapping settles the shown one.
    const preview = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/preview`, headers: sales, payload: { entity: 'leads' } })
    expect(preview.statusCode, preview.body).toBe(200)
    expect(pick(preview.json().suggestions)).toEqual(pick(a.suggestions))
    const s = await api.run(sales, a.id, { entity: 'leads' })
    expect(s).toMatchObject({ status: 'completed', counts: { created: 30 } })
    expect(s.options.mapping).toEqual(a.proposedMapping)
    expect(await t.db.selectFrom('leads').select('email').where('name', '=', 'Person 29').executeTakeFirst()).toEqual({ email: 'p29@example.com' })
  })
})
