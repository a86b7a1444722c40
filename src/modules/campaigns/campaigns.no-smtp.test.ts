import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCampaign, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'

// A server without SMTP_URL: what a campaign action answers must still depend on the campaign first.
let t: TestApp
let api: ReturnType<typeof http>
let marketing: AuthHeaders
let sales: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  marketing = await sessionFor(t, (await insertUser(t.db, { role: 'marketing' })).id)
  sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
})
afterAll(() => t.close())

const unknown = '0193b9a0-0000-7000-8000-00000000dead'

describe('campaign sends on a server without SMTP', () => {
  it('launching a campaign that does not exist, or was deleted, is a 404', async () => {
    expect(expectProblem(await api.post(`/api/v1/campaigns/${unknown}/send`, {}, marketing), 404).code).toBe('CAMPAIGN_NOT_FOUND')
    const gone = await insertCampaign(t.db, { deletedAt: new Date() })
    expectProblem(await api.post(`/api/v1/campaigns/${gone.id}/send`, {}, marketing), 404)
  })

  it('a role that may not send gets 403; the set-up is only then a 503', async () => {
    const c = await insertCampaign(t.db)
    expectProblem(await api.post(`/api/v1/campaigns/${c.id}/send`, {}, sales), 403)
    expect(expectProblem(await api.post(`/api/v1/campaigns/${c.id}/send`, {}, marketing), 503).code).toBe('SMTP_NOT_CONFIGURED')
    expect(await t.db.selectFrom('campaigns').select('sendStatus').where('id', '=', c.id).executeTakeFirstOrThrow()).toEqual({ sendStatus: 'draft' })
  })

  it('a test send of an unknown campaign is a 404, of a forbidden one a 403', async () => {
    expectProblem(await api.post(`/api/v1/campaigns/${unknown}/test-send`, { to: 'me@example.com' }, marketing), 404)
    const c = await insertCampaign(t.db)
    expectProblem(await api.post(`/api/v1/campaigns/${c.id}/test-send`, { to: 'me@example.com' }, sales), 403)
  })
})
