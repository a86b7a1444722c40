import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertTeam, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { importApi } from './imports.test-support'

let t: TestApp
let api: ReturnType<typeof importApi>
let sales: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  api = importApi(t)
  const team = await insertTeam(t.db)
  sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales', teamId: team.id })).id)
})
afterAll(() => t.close())

const analyze = async (csv: string) => (await api.analyze(sales, 'customers', { name: 'v.csv', data: Buffer.from(csv) })).json()
const start = (id: string, body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/start`, headers: sales, payload: body })

describe('value mapping on text fields', () => {
  it('replaces whole values of a text field, exactly by default, trimmed and in any case when asked', async () => {
    const csv = 'name,industry,source\nVM One,technolgy,web\nVM Two, Technolgy ,Web\nVM Three,technolgy-ish,n/a\n'
    const a = await analyze(csv)
    const s = await api.run(sales, a.id, {
      entity: 'customers',
      valueMapping: { industry: { technolgy: 'technology' }, source: { 'N/A': '' } },
      valueMatching: { source: { ignoreCase: true } },
    })
    expect(s).toMatchObject({ status: 'completed', counts: { created: 3, invalid: 0 } })
    const rows = await t.db.selectFrom('customers').select(['name', 'industry', 'source']).where('name', 'like', 'VM %').orderBy('name').execute()
    expect(rows).toEqual([
      { name: 'VM One', industry: 'technology', source: 'web' },
      // Trimmed by default; case kept unless ignoreCase.
      { name: 'VM Three', industry: 'technolgy-ish', source: null },
      { name: 'VM Two', industry: 'Technolgy', source: 'Web' },
    ])
  })

  it('ignoreCase on a fixed-choice field, and trim:false compares the cell as it is', async () => {
    const a = await analyze('name,status,industry\nVM Four,ACTIVE-ish,retail \n')
    const p = await t.app.inject({
      method: 'POST', url: `/api/v1/imports/${a.id}/preview`, headers: sales,
      payload: { entity: 'customers', valueMapping: { status: { 'active-ish': 'active' }, industry: { retail: 'x', 'retail ': 'Retail' } }, valueMatching: { status: { ignoreCase: true }, industry: { trim: false } } },
    })
    expect(p.statusCode, p.body).toBe(200)
    expect(p.json().rows[0]).toMatchObject({ errors: [], values: { status: 'active', industry: 'Retail' } })
  })

  it('refuses a value mapping it could not apply: unknown field, a non-text field, a field no column feeds', async () => {
    const a = await analyze('name,industry,tags\nVM Five,x,y\n')
    const res = await start(a.id, { entity: 'customers', valueMapping: { industri: { a: 'b' }, tags: { y: 'z' }, website: { a: 'b' } }, valueMatching: { source: { ignoreCase: true } } })
    expectProblem(res, 400, ['valueMapping.industri', 'valueMapping.tags', 'valueMapping.website', 'valueMatching.source'])
    const preview = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/preview`, headers: sales, payload: { entity: 'customers', valueMapping: { industri: { a: 'b' } } } })
    expectProblem(preview, 400, ['valueMapping.industri'])
    expect((await api.status(sales, a.id)).status).toBe('ready')
  })
})
