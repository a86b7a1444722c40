import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCampaign, insertTeam, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'

/** The web-to-lead form: anonymous, rate-limited per address, JSON or a plain HTML form, callable from other origins. */
let t: TestApp
let admin: AuthHeaders
let ipSeq = 1

beforeAll(async () => {
  t = await createTestApp()
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
})
afterAll(() => t.close())

// Each test posts from its own address, so the rate limit of one does not spill into another.
const nextIp = () => `203.0.113.${ipSeq++}`
const submit = (payload: string | object, opts: { ip?: string; contentType?: string; headers?: Record<string, string> } = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/public/leads',
    remoteAddress: opts.ip ?? nextIp(),
    payload,
    headers: { ...(opts.contentType ? { 'content-type': opts.contentType } : {}), ...opts.headers },
  })
const leadNamed = (name: string) => t.db.selectFrom('leads').selectAll().where('name', '=', name).execute()

describe('POST /public/leads', () => {
  it('stores a new, unowned web lead with the message as description, no creator, and an audit row without actor', async () => {
    const res = await submit({ name: '陈静', company: '成都天府软件', email: 'Chen.Jing@TianFu.cn', phone: '028 8888 6666', message: '想了解企业版价格' }, { headers: { origin: 'https://www.example.com', 'user-agent': 'Mozilla/5.0 test' } })
    expect(res.statusCode, res.body).toBe(201)
    expect(json(res)).toEqual({ received: true })
    expect(res.headers['access-control-allow-origin']).toBe('*')
    const [lead] = await leadNamed('陈静')
    expect(lead).toMatchObject({
      company: '成都天府软件', email: 'chen.jing@tianfu.cn', phone: '+862888886666', description: '想了解企业版价格',
      status: 'new', source: 'web', ownerId: null, teamId: null, createdBy: null,
    })
    expect(lead!.meta).toMatchObject({ form: { origin: 'https://www.example.com', userAgent: 'Mozilla/5.0 test' } })
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entityId', '=', lead!.id).execute()
    expect(audit).toEqual([expect.objectContaining({ action: 'create', entity: 'lead', actorId: null })])
    // Unowned: admins see it (and can assign it).
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/leads/${lead!.id}`, headers: admin })).statusCode).toBe(200)
  })

  it('keeps a given source and campaign', async () => {
    const campaignId = (await insertCampaign(t.db, { name: '落地页' })).id
    expect((await submit({ name: 'Campaign visitor', source: 'landing-page', campaignId })).statusCode).toBe(201)
    expect((await leadNamed('Campaign visitor'))[0]).toMatchObject({ source: 'landing-page', campaignId })
  })

  it('a form still naming a campaign that is gone keeps the visitor, without the campaign', async () => {
    const campaignId = '0190a000-0000-7000-8000-00000000ca11'
    expect((await submit({ name: 'Stale form visitor', source: 'landing-page', campaignId })).statusCode).toBe(201)
    expect((await leadNamed('Stale form visitor'))[0]).toMatchObject({ source: 'landing-page', campaignId: null })
  })

  it('a filled honeypot is answered like a success but stores nothing', async () => {
    const before = await t.db.selectFrom('leads').select('id').execute()
    const res = await submit({ name: 'Spam bot', email: 'bot@spam.example', website2: 'http://spam.example' })
    expect(res.statusCode).toBe(201)
    expect(json(res)).toEqual({ received: true })
    expect(await t.db.selectFrom('leads').select('id').execute()).toHaveLength(before.length)
    const form = await submit('name=Form+bot&website2=x', { contentType: 'application/x-www-form-urlencoded' })
    expect(form.statusCode).toBe(201)
    expect(await leadNamed('Form bot')).toEqual([])
  })

  it('accepts a plain HTML form (application/x-www-form-urlencoded), UTF-8 included', async () => {
    const body = new URLSearchParams({ name: '刘洋', company: 'Xi’an Qinling', email: 'liu@qinling.cn', message: '请尽快联系 & thanks', website2: '' }).toString()
    const res = await submit(body, { contentType: 'application/x-www-form-urlencoded' })
    expect(res.statusCode, res.body).toBe(201)
    expect((await leadNamed('刘洋'))[0]).toMatchObject({ company: 'Xi’an Qinling', email: 'liu@qinling.cn', description: '请尽快联系 & thanks' })
  })

  it('refuses bad forms with field errors and stores nothing', async () => {
    const before = await t.db.selectFrom('leads').select('id').execute()
    expectProblem(await submit({ email: 'not-an-email' }), 400, ['name', 'email'])
    expectProblem(await submit({ name: 'X', ownerId: '0190a000-0000-7000-8000-000000000000' }), 400, ['ownerId'])
    expectProblem(await submit('name=A&name=B', { contentType: 'application/x-www-form-urlencoded' }), 400, ['name'])
    expectProblem(await submit('name=a%00b', { contentType: 'application/x-www-form-urlencoded' }), 400)
    for (const bad of ['name=%FF', 'name=%ED%A0%80', 'name=%E4%B8', 'name=x&__proto__=y']) {
      expectProblem(await submit(bad, { contentType: 'application/x-www-form-urlencoded' }), 400)
    }
    expectProblem(await submit(Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0xff, 0xfe]), { contentType: 'application/x-www-form-urlencoded' }), 400)
    expectProblem(await submit('{"name": "x",', { contentType: 'application/json' }), 400)
    expectProblem(await submit('name=x', { contentType: 'text/plain' }), 400)
    expect(await t.db.selectFrom('leads').select('id').execute()).toHaveLength(before.length)
  })

  it('is rate-limited per address: the 21st submission within a minute is a 429 (as problem+json, with CORS headers)', async () => {
    const ip = nextIp()
    for (let i = 0; i < 20; i++) expect((await submit({ name: `Burst ${i}` }, { ip })).statusCode).toBe(201)
    const limited = await submit({ name: 'Burst 20' }, { ip })
    expectProblem(limited, 429)
    expect(limited.headers['access-control-allow-origin']).toBe('*')
    expect(await leadNamed('Burst 20')).toEqual([])
    expect((await submit({ name: 'Another address' })).statusCode).toBe(201)
  })

  it('answers the CORS preflight of another origin for the public endpoints only', async () => {
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/public/leads',
      headers: { origin: 'https://www.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    })
    expect(preflight.statusCode).toBe(204)
    expect(preflight.headers['access-control-allow-origin']).toBe('*')
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST')
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain('content-type')
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined()

    const other = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/leads',
      headers: { origin: 'https://www.example.com', 'access-control-request-method': 'POST' },
    })
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
    const signedIn = await t.app.inject({ method: 'GET', url: '/api/v1/leads', headers: { ...admin, origin: 'https://evil.example' } })
    expect(signedIn.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('the rest of the API still refuses form bodies and anonymous calls', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/leads', payload: 'name=x', headers: { ...admin, 'content-type': 'application/x-www-form-urlencoded' } })
    expectProblem(res, 415)
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/leads', payload: { name: 'Anonymous' } }), 401)
  })

  it('deals the lead round-robin when the routing rule is on', async () => {
    const team = await insertTeam(t.db)
    const rep = await insertUser(t.db, { role: 'sales', teamId: team.id })
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/lead-routing', headers: admin, payload: { enabled: true, teamId: team.id } })).statusCode).toBe(200)
    expect((await submit({ name: 'Routed visitor' })).statusCode).toBe(201)
    expect((await leadNamed('Routed visitor'))[0]).toMatchObject({ ownerId: rep.id, teamId: team.id })
    await t.app.inject({ method: 'PUT', url: '/api/v1/lead-routing', headers: admin, payload: { enabled: false, teamId: null } })
  })
})
