import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertOpportunity, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'
import { newId } from '../../lib/ids'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
})
afterAll(() => t.close())

const steps = async (as = admin) => {
  const res = await api.get('/api/v1/onboarding', as)
  expect(res.statusCode, res.body).toBe(200)
  return Object.fromEntries((json(res).steps as { key: string; done: boolean }[]).map((s) => [s.key, s.done]))
}
const addImport = (status: string) =>
  t.db.insertInto('imports').values({ id: newId(), entity: 'customers', status, fileName: 'customers.csv', format: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null, columns: JSON.stringify(['名称']), options: null, totalRows: 1, error: null, blankDates: null, createdBy: null, finishedAt: new Date(), undoneAt: null }).execute()

describe('getting-started checklist', () => {
  it('starts with nothing done on a fresh installation, and ticks each step from what the data holds', async () => {
    expect(await steps()).toEqual({ companyProfile: false, inviteUsers: false, importData: false, pipeline: false })
    expect(json(await api.get('/api/v1/onboarding', admin))).toMatchObject({ complete: false, dismissedAt: null })

    // A profile without a name is not a company profile yet.
    expect((await api.put('/api/v1/settings/company', { name: '杭州云帆网络科技有限公司' }, admin)).statusCode).toBe(200)
    expect((await steps()).companyProfile).toBe(true)

    // An inactive colleague cannot sign in: not invited yet.
    await insertUser(t.db, { role: 'sales', active: false })
    expect((await steps()).inviteUsers).toBe(false)
    await insertUser(t.db, { role: 'sales' })
    expect((await steps()).inviteUsers).toBe(true)

    // A dry run or an undone import wrote nothing.
    await addImport('dry_run_done')
    await addImport('undone')
    expect((await steps()).importData).toBe(false)
    await addImport('completed')
    expect((await steps()).importData).toBe(true)

    // Deals tracked in the pipeline count…
    const deal = await insertOpportunity(t.db, (await insertCustomer(t.db)).id)
    expect((await steps()).pipeline).toBe(true)
    await t.db.deleteFrom('opportunities').where('id', '=', deal.id).execute()
    expect((await steps()).pipeline).toBe(false)
    // …and so does an admin fitting the stages to how the company sells.
    expect((await api.patch('/api/v1/pipeline-stages/proposal', { version: 1, name: '方案报价', probability: 65 }, admin)).statusCode).toBe(200)
    expect(json(await api.get('/api/v1/onboarding', admin))).toMatchObject({ complete: true, steps: expect.arrayContaining([{ key: 'pipeline', done: true }]) })
  })

  it('is closed per admin, and only admins see it', async () => {
    const other = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    expect((await api.post('/api/v1/onboarding/dismiss', undefined, admin)).statusCode).toBe(204)
    expect(json(await api.get('/api/v1/onboarding', admin)).dismissedAt).toEqual(expect.any(String))
    expect(json(await api.get('/api/v1/onboarding', other)).dismissedAt).toBeNull()

    const sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
    expectProblem(await api.get('/api/v1/onboarding', sales), 403)
    expectProblem(await api.post('/api/v1/onboarding/dismiss', undefined, sales), 403)
    expectProblem(await api.get('/api/v1/onboarding'), 401)
  })
})
