import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertLead, insertOpportunity, insertUser } from '../../test/factories'
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-server'
import { http } from '../../test/http'
import { SEND_QUEUE } from './campaigns.sender'

let t: TestApp
let api: ReturnType<typeof http>
let smtp: TestSmtpServer
let marketing: AuthHeaders
let campaign: any
let tokenOf: (email: string) => Promise<string>

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await createTestApp({ SMTP_URL: smtp.url, KITH_PUBLIC_URL: 'https://crm.example.cn' })
  api = http(t)
  marketing = await sessionFor(t, (await insertUser(t.db, { role: 'marketing' })).id)
  await t.app.inject({ method: 'PUT', url: '/api/v1/campaign-settings', headers: marketing, payload: { messagesPerMinute: null, maxAttempts: 3, retryBaseSeconds: 1 } })
  const list = json(await api.post('/api/v1/mailing-lists', { name: 'l', kind: 'static' }, marketing))
  const people = await Promise.all(['ann@t.cn', 'bob@t.cn', 'cat@t.cn'].map((email) => insertCustomer(t.db, { name: email.split('@')[0], email })))
  await api.post(`/api/v1/mailing-lists/${list.id}/members`, { customerIds: people.map((p) => p.id) }, marketing)
  campaign = json(await api.post('/api/v1/campaigns', {
    name: '双十一', mailingListId: list.id, emailSubject: 'Hi {{name}}', actualCost: '300.00', currency: 'CNY',
    emailBody: '<p><a href="https://shop.example.cn/sale">Sale</a> <a href="https://shop.example.cn/help?x=1&amp;y=2">Help</a> <a href="{{unsubscribeUrl}}">退订</a></p>',
  }, marketing))
  await api.post(`/api/v1/campaigns/${campaign.id}/send`, {}, marketing)
  await t.services.jobs.drain(SEND_QUEUE)
  tokenOf = async (email) => (await t.db.selectFrom('campaignRecipients').select('token').where('email', '=', email).executeTakeFirstOrThrow()).token
})
afterAll(async () => {
  await t.close()
  await smtp.close()
})

describe('tracking', () => {
  it('records opens through the pixel, and answers a forged token with the same image', async () => {
    const token = await tokenOf('ann@t.cn')
    const res = await api.get(`/api/v1/public/t/o/${token}.gif`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/gif')
    await api.get(`/api/v1/public/t/o/${token}.gif`)
    const r = await t.db.selectFrom('campaignRecipients').select(['openedAt', 'openCount']).where('email', '=', 'ann@t.cn').executeTakeFirstOrThrow()
    expect(r.openCount).toBe(2)
    for (const forged of ['x.gif', `${'0'.repeat(32)}.gif`, "'; DROP TABLE campaigns; --.gif", '%E4%BD%A0.gif']) {
      const f = await api.get(`/api/v1/public/t/o/${forged}`)
      expect(f.statusCode).toBe(200)
      expect(f.headers['content-type']).toBe('image/gif')
    }
  })

  it('redirects a click only to the template\'s own links; forged or foreign ids get a 404 page, never a redirect', async () => {
    const token = await tokenOf('bob@t.cn')
    const sale = await api.get(`/api/v1/public/t/c/${token}.0`)
    expect(sale.statusCode).toBe(302)
    expect(sale.headers.location).toBe('https://shop.example.cn/sale')
    expect((await api.get(`/api/v1/public/t/c/${token}.1`)).headers.location).toBe('https://shop.example.cn/help?x=1&y=2')
    const forged = [`${token}.9`, `${'f'.repeat(32)}.0`, 'https%3A%2F%2Fevil.example', `${token}.0?url=https://evil.example`, `${token}`, '..%2F..%2Fetc']
    for (const f of forged) {
      const res = await api.get(`/api/v1/public/t/c/${f}`)
      if (res.statusCode === 302) expect(res.headers.location).toBe('https://shop.example.cn/sale')
      else expect([404, 400]).toContain(res.statusCode)
      expect(res.headers.location ?? '').not.toContain('evil')
    }
    const r = await t.db.selectFrom('campaignRecipients').select(['clickCount', 'openedAt']).where('email', '=', 'bob@t.cn').executeTakeFirstOrThrow()
    expect(r.clickCount).toBe(3)
    expect(r.openedAt).not.toBeNull()
  })
})

describe('unsubscribe', () => {
  it('shows a bilingual page without sign-in, records a one-click POST in suppressions and the audit log, and no campaign mails the address again', async () => {
    const token = await tokenOf('cat@t.cn')
    const pageRes = await api.get(`/api/v1/public/unsubscribe/${token}`)
    expect(pageRes.statusCode).toBe(200)
    expect(pageRes.headers['content-type']).toContain('text/html')
    expect(pageRes.body).toContain('退订')
    expect(pageRes.body).toContain('Unsubscribe')
    expect(pageRes.body).not.toContain('cat@t.cn') // the address is masked
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/public/unsubscribe/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('已退订')
    const sup = await t.db.selectFrom('suppressions').selectAll().where('email', '=', 'cat@t.cn').executeTakeFirstOrThrow()
    expect(sup).toMatchObject({ reason: 'unsubscribed', campaignId: campaign.id })
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entity', '=', 'suppression').execute()
    expect(audit.some((a) => (a.changes as any)?.email === 'cat@t.cn' && a.actorId === null)).toBe(true)
    // Twice is fine; an unknown token is a 404 page, not a 500.
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/public/unsubscribe/${token}` })).statusCode).toBe(200)
    expect((await api.get(`/api/v1/public/unsubscribe/${'a'.repeat(32)}`)).statusCode).toBe(404)
    expect((await api.post(`/api/v1/public/unsubscribe/nonsense`, {})).statusCode).toBe(404)

    const list = json(await api.post('/api/v1/mailing-lists', { name: 'again', kind: 'dynamic', filter: { all: [{ field: 'customer.status', op: 'eq', value: 'prospect' }] } }, marketing))
    const next = json(await api.post('/api/v1/campaigns', { name: 'next', mailingListId: list.id, emailSubject: 's', emailBody: '<p>b</p>' }, marketing))
    smtp.messages.length = 0
    await api.post(`/api/v1/campaigns/${next.id}/send`, {}, marketing)
    await t.services.jobs.drain(SEND_QUEUE)
    const to = smtp.messages.map((m) => m.envelopeTo[0])
    expect(to).toContain('ann@t.cn')
    expect(to).not.toContain('cat@t.cn')
  })
})

describe('effect analysis', () => {
  it('counts opens, clicks, unsubscribes, sourced leads and deals, won revenue exactly, cost per lead and ROI', async () => {
    await insertLead(t.db, { name: 'from campaign 1', campaignId: campaign.id })
    await insertLead(t.db, { name: 'from campaign 2', campaignId: campaign.id })
    const cu = await insertCustomer(t.db)
    const won1 = await insertOpportunity(t.db, cu.id, { stage: 'won', amount: '1000.10', currency: 'CNY' })
    const won2 = await insertOpportunity(t.db, cu.id, { stage: 'won', amount: '200.20', currency: 'CNY' })
    const open = await insertOpportunity(t.db, cu.id, { stage: 'proposal', amount: '99999.00', currency: 'CNY' })
    await t.db.updateTable('opportunities').set({ campaignId: campaign.id }).where('id', 'in', [won1.id, won2.id, open.id]).execute()
    const s = json(await api.get(`/api/v1/campaigns/${campaign.id}/stats`, marketing))
    expect(s).toMatchObject({
      recipients: 3, sent: 3, delivered: 3, opened: 2, clicked: 1, unsubscribed: 1, bounced: 0, failed: 0,
      leads: 2, opportunities: 3, wonOpportunities: 2, wonRevenue: '1200.30', cost: '300.00', costPerLead: '150.00', roi: '3.0010',
      openRate: 0.6667, clickRate: 0.3333,
    })
    const cmp = json(await api.get(`/api/v1/campaigns/compare?ids=${campaign.id}`, marketing))
    expect(cmp.items).toHaveLength(1)
    expect(cmp.items[0].stats.wonRevenue).toBe('1200.30')
    expect(json(await api.get('/api/v1/campaigns/compare', marketing)).items.length).toBeGreaterThanOrEqual(2)
  })
})

describe('rate limits of the public routes', () => {
  it('lets a busy image proxy or NAT address through well past 300 opens and clicks a minute; unsubscribe keeps 300', async () => {
    const proxy = '198.51.100.7'
    const unknown = '0'.repeat(32)
    const statuses = new Map<number, number>()
    // Each route counts on its own: 400 of each, from the one address.
    for (let i = 0; i < 800; i++) {
      const url = i % 2 ? `/api/v1/public/t/o/${unknown}.gif` : `/api/v1/public/t/c/${unknown}.0`
      const res = await t.app.inject({ method: 'GET', url, remoteAddress: proxy })
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: 400, 404: 400 })

    const visitor = '198.51.100.8'
    for (let i = 0; i < 300; i++) {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/unsubscribe/${unknown}`, remoteAddress: visitor })).statusCode).toBe(404)
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/unsubscribe/${unknown}`, remoteAddress: visitor })).statusCode).toBe(429)
  })
})
