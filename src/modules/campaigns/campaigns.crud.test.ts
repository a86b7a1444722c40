import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertUser } from '../../test/factories'
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-server'
import { expectProblem, http } from '../../test/http'
import { SEND_QUEUE } from './campaigns.sender'

let t: TestApp
let api: ReturnType<typeof http>
let smtp: TestSmtpServer
let marketing: AuthHeaders
let marketingId: string
let manager: AuthHeaders
let sales: AuthHeaders
let listId: string

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await createTestApp({ SMTP_URL: smtp.url })
  api = http(t)
  marketingId = (await insertUser(t.db, { role: 'marketing' })).id
  marketing = await sessionFor(t, marketingId)
  manager = await sessionFor(t, (await insertUser(t.db, { role: 'manager' })).id)
  sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
  const list = json(await api.post('/api/v1/mailing-lists', { name: 'VIP', kind: 'static' }, marketing))
  listId = list.id
  const cu = await insertCustomer(t.db, { name: 'Zhang Wei', company: null, email: 'zw@vip.cn' })
  await api.post(`/api/v1/mailing-lists/${listId}/members`, { customerIds: [cu.id] }, marketing)
})
afterAll(async () => {
  await t.close()
  await smtp.close()
})

const body = '<p>亲爱的 {{firstName}}（{{company}}）：<a href="https://acme.cn/a">看看</a></p>'

describe('campaigns', () => {
  it('creates with money as exact decimal strings, the caller as owner, Location and an audit row', async () => {
    const res = await api.post('/api/v1/campaigns', { name: '春季展会', type: 'event', startDate: '2026-03-01', endDate: '2026-03-03', budget: '12000.5', actualCost: 8000.25, currency: 'cny', mailingListId: listId, emailSubject: '邀请 {{name}}', emailBody: body }, marketing)
    expect(res.statusCode, res.body).toBe(201)
    const c = json(res)
    expect(res.headers.location).toBe(`/api/v1/campaigns/${c.id}`)
    expect(c).toMatchObject({ name: '春季展会', type: 'event', status: 'planned', sendStatus: 'draft', budget: '12000.50', actualCost: '8000.25', currency: 'CNY', ownerId: marketingId, version: 1 })
    const audit = await t.db.selectFrom('auditLog').select(['action', 'entity']).where('entityId', '=', c.id).execute()
    expect(audit).toEqual([{ action: 'create', entity: 'campaign' }])
  })

  it('refuses an unknown merge field at save, naming it; bad dates, money and unknown fields', async () => {
    const bad = expectProblem(await api.post('/api/v1/campaigns', { name: 'x', emailSubject: 'Hi {{nmae}}', emailBody: '<p>{{ phone }} {{name}}</p>' }, marketing), 400, ['emailSubject', 'emailBody'])
    expect(bad.errors!.find((e) => e.path === 'emailSubject')!.message).toContain('{{nmae}}')
    expect(bad.errors!.find((e) => e.path === 'emailBody')!.message).toContain('{{phone}}')
    expectProblem(await api.post('/api/v1/campaigns', { name: 'x', startDate: '2026-05-02', endDate: '2026-05-01' }, marketing), 400, ['endDate'])
    expectProblem(await api.post('/api/v1/campaigns', { name: 'x', budget: '12.345', type: 'tv' }, marketing), 400, ['budget', 'type'])
    expectProblem(await api.post('/api/v1/campaigns', { name: 'x', colour: 'red' }, marketing), 400)
    expectProblem(await api.post('/api/v1/campaigns', { name: 'x', mailingListId: '0190f0f0-0000-7000-8000-000000000000' }, marketing), 400, ['mailingListId'])
    const c = json(await api.post('/api/v1/campaigns', { name: 'ok' }, marketing))
    expectProblem(await api.patch(`/api/v1/campaigns/${c.id}`, { emailBody: '{{unknown}}', version: 1 }, marketing), 400, ['emailBody'])
  })

  it('lets marketing and admins manage, managers see results, sales only read (to pick a campaign on a lead)', async () => {
    const c = json(await api.post('/api/v1/campaigns', { name: 'roles', mailingListId: listId, emailSubject: 's', emailBody: body }, marketing))
    expectProblem(await api.post('/api/v1/campaigns', { name: 'x' }, sales), 403)
    expectProblem(await api.post('/api/v1/campaigns', { name: 'x' }, manager), 403)
    expect((await api.get(`/api/v1/campaigns/${c.id}`, sales)).statusCode).toBe(200)
    expect(json(await api.get('/api/v1/campaigns?q=roles', sales)).items.map((i: any) => i.id)).toContain(c.id)
    expectProblem(await api.get(`/api/v1/campaigns/${c.id}/stats`, sales), 403)
    expect((await api.get(`/api/v1/campaigns/${c.id}/stats`, manager)).statusCode).toBe(200)
    // Managers see the aggregate only: recipients and the rendered preview name people outside their team.
    expect((await api.get('/api/v1/campaigns/compare', manager)).statusCode).toBe(200)
    expectProblem(await api.get(`/api/v1/campaigns/${c.id}/recipients`, manager), 403)
    expectProblem(await api.get(`/api/v1/campaigns/${c.id}/preview`, manager), 403)
    expect((await api.get(`/api/v1/campaigns/${c.id}/recipients`, marketing)).statusCode).toBe(200)
    expect((await api.get(`/api/v1/campaigns/${c.id}/preview`, marketing)).statusCode).toBe(200)
    expectProblem(await api.patch(`/api/v1/campaigns/${c.id}`, { name: 'y', version: 1 }, manager), 403)
    expectProblem(await api.post(`/api/v1/campaigns/${c.id}/send`, {}, sales), 403)
  })

  it('updates with version checks (409 with current) and keyset-pages the list', async () => {
    const c = json(await api.post('/api/v1/campaigns', { name: 'v' }, marketing))
    const u = json(await api.patch(`/api/v1/campaigns/${c.id}`, { status: 'active', version: 1 }, marketing))
    expect(u).toMatchObject({ status: 'active', version: 2 })
    const stale = expectProblem(await api.patch(`/api/v1/campaigns/${c.id}`, { status: 'completed', version: 1 }, marketing), 409)
    expect(stale.current.version).toBe(2)
    const p1 = json(await api.get('/api/v1/campaigns?limit=2&sort=name', marketing))
    const p2 = json(await api.get(`/api/v1/campaigns?limit=2&sort=name&cursor=${p1.nextCursor}`, marketing))
    expect(p1.items.length + p2.items.length).toBe(4)
    expect(new Set([...p1.items, ...p2.items].map((i: any) => i.id)).size).toBe(4)
  })

  it('previews per recipient and sends a test through SMTP without counting it', async () => {
    const c = json(await api.post('/api/v1/campaigns', { name: 'preview', mailingListId: listId, emailSubject: '您好 {{name}}', emailBody: body }, marketing))
    const p = json(await api.get(`/api/v1/campaigns/${c.id}/preview`, marketing))
    expect(p.to).toBe('zw@vip.cn')
    expect(p.subject).toBe('您好 Zhang Wei')
    expect(p.html).toContain('亲爱的 Zhang（Zhang Wei）')
    expect(p.html).toContain('/api/v1/public/unsubscribe/')
    expectProblem(await api.get(`/api/v1/campaigns/${c.id}/preview?memberId=0190f0f0-0000-7000-8000-000000000000`, marketing), 400, ['memberId'])
    const sent = await api.post(`/api/v1/campaigns/${c.id}/test-send`, { to: 'me@acme.cn' }, marketing)
    expect(sent.statusCode, sent.body).toBe(200)
    const [m] = await smtp.waitFor(1)
    expect(m!.envelopeTo).toEqual(['me@acme.cn'])
    expect(m!.subject).toBe('[测试 Test] 您好 Zhang Wei')
    expect(json(await api.get(`/api/v1/campaigns/${c.id}/stats`, marketing)).recipients).toBe(0)
    expectProblem(await api.post(`/api/v1/campaigns/${c.id}/test-send`, { to: 'not-mail' }, marketing), 400, ['to'])
  })

  it('cancels a scheduled send back to draft; a send needs a list, subject and body', async () => {
    const empty = json(await api.post('/api/v1/campaigns', { name: 'empty' }, marketing))
    expectProblem(await api.post(`/api/v1/campaigns/${empty.id}/send`, {}, marketing), 400, ['mailingListId'])
    const c = json(await api.post('/api/v1/campaigns', { name: 'later', mailingListId: listId, emailSubject: 's', emailBody: body }, marketing))
    const scheduled = await api.post(`/api/v1/campaigns/${c.id}/send`, { scheduledAt: '2099-01-01T00:00:00Z' }, marketing)
    expect(scheduled.statusCode).toBe(202)
    expect(json(scheduled)).toMatchObject({ sendStatus: 'scheduled', scheduledAt: '2099-01-01T00:00:00.000Z' })
    expect(json(await api.post(`/api/v1/campaigns/${c.id}/cancel-send`, {}, marketing)).sendStatus).toBe('draft')
    // Sent again now: the job of the cancelled 2099 send, should it run, does nothing.
    expect((await api.post(`/api/v1/campaigns/${c.id}/send`, {}, marketing)).statusCode).toBe(202)
    await t.services.campaignSender.work({ campaignId: c.id, scheduledFor: '2099-01-01T00:00:00.000Z' }, { id: 'stale-job' })
    const row = await t.db.selectFrom('campaigns').select(['sendStatus', 'materializedAt']).where('id', '=', c.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ sendStatus: 'scheduled', materializedAt: null })
    smtp.messages.length = 0
    await t.services.jobs.drain(SEND_QUEUE)
    expect(json(await api.get(`/api/v1/campaigns/${c.id}`, marketing)).sendStatus).toBe('sent')
    expect(smtp.messages.map((m) => m.envelopeTo[0])).toEqual(['zw@vip.cn'])
  })
})
