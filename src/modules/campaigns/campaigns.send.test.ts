import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertUser } from '../../test/factories'
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-server'
import { expectProblem, http } from '../../test/http'
import { newId } from '../../lib/ids'
import { SEND_QUEUE } from './campaigns.sender'

let t: TestApp
let api: ReturnType<typeof http>
let smtp: TestSmtpServer
let marketing: AuthHeaders

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await createTestApp({ SMTP_URL: smtp.url, KITH_PUBLIC_URL: 'https://crm.example.cn', KITH_MAIL_FROM: 'Acme 营销 <news@acme.cn>' })
  api = http(t)
  marketing = await sessionFor(t, (await insertUser(t.db, { role: 'marketing' })).id)
  // Unthrottled and quick retries, so the suite measures Kith rather than waiting.
  const put = await t.app.inject({ method: 'PUT', url: '/api/v1/campaign-settings', headers: marketing, payload: { messagesPerMinute: null, maxAttempts: 3, retryBaseSeconds: 1 } })
  expect(put.statusCode, put.body).toBe(200)
})
afterAll(async () => {
  await t.close()
  await smtp.close()
})

/** n customers tagged `tag`, inserted in one statement. */
async function customers(tag: string, emails: (string | null)[]) {
  await t.db.insertInto('customers').values(emails.map((email, i) => ({
    id: newId(), name: `客户 ${tag} ${i}`, email, phone: null, company: null, website: null, industry: null, address: null,
    tags: [tag], source: null, ownerId: null, teamId: null, description: null, createdBy: null, deletedAt: null, mergedInto: null,
  }))).execute()
}

async function campaignFor(tag: string, body = '<p>您好 {{name}}，来自 {{company}} 的邀请。<a href="https://acme.cn/expo?a=1&amp;b=2">展会详情</a></p>') {
  const list = json(await api.post('/api/v1/mailing-lists', { name: `seg ${tag}`, kind: 'dynamic', filter: { all: [{ field: 'customer.tags', op: 'contains', value: tag }] } }, marketing))
  const res = await api.post('/api/v1/campaigns', { name: `活动 ${tag}`, type: 'email', mailingListId: list.id, emailSubject: '{{firstName}}，邀请您参加展会', emailBody: body, fromName: 'Acme 市场部', actualCost: '1000.00', budget: '5000' }, marketing)
  expect(res.statusCode, res.body).toBe(201)
  return json(res)
}

/** Works the queue like a server would until the campaign is finished (retries wait for their time). */
async function sendAll(id: string) {
  for (let i = 0; i < 200; i++) {
    await t.services.jobs.drain(SEND_QUEUE)
    const c = await t.db.selectFrom('campaigns').select('sendStatus').where('id', '=', id).executeTakeFirstOrThrow()
    if (c.sendStatus === 'sent' || c.sendStatus === 'failed') return c.sendStatus
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('the send did not finish')
}

const stats = async (id: string) => json(await api.get(`/api/v1/campaigns/${id}/stats`, marketing))

describe('sending a campaign', () => {
  it('delivers exactly one message to each of 2,000 distinct addresses, with unsubscribe headers and tracking', async () => {
    await customers('bulk2000', Array.from({ length: 2000 }, (_, i) => `person${i}@bulk.example.com`))
    const c = await campaignFor('bulk2000')
    smtp.messages.length = 0
    const accepted = await api.post(`/api/v1/campaigns/${c.id}/send`, {}, marketing)
    expect(accepted.statusCode, accepted.body).toBe(202)
    expect(json(accepted).sendStatus).toBe('scheduled')
    const started = Date.now()
    expect(await sendAll(c.id)).toBe('sent')
    console.log(`2,000 messages sent in ${Date.now() - started} ms`)
    expect(smtp.messages).toHaveLength(2000)
    const to = new Set(smtp.messages.map((m) => m.envelopeTo.join(',')))
    expect(to.size).toBe(2000)
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(2000)

    const m = smtp.messages.find((x) => x.envelopeTo[0] === 'person7@bulk.example.com')!
    expect(m.subject).toBe('客户，邀请您参加展会') // {{firstName}} of a name without spaces is its first word
    expect(m.from).toContain('news@acme.cn')
    expect(m.rawHeaders.get('list-unsubscribe')!.replace(/\s+/g, ' ')).toMatch(/^<https:\/\/crm\.example\.cn\/api\/v1\/public\/unsubscribe\/[0-9a-f]{32}>, <mailto:news@acme\.cn\?subject=unsubscribe%20[0-9a-f]{32}>$/)
    expect(m.rawHeaders.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    expect(m.html).toContain('您好 客户 bulk2000 7')
    expect(m.html).toMatch(/href="https:\/\/crm\.example\.cn\/api\/v1\/public\/t\/c\/[0-9a-f]{32}\.0"/)
    expect(m.html).not.toContain('https://acme.cn/expo')
    expect(m.html).toMatch(/\/t\/o\/[0-9a-f]{32}\.gif/)
    expect(m.html).toContain('退订')
    expect(m.text).toContain('展会详情')

    const s = await stats(c.id)
    expect(s).toMatchObject({ recipients: 2000, sent: 2000, delivered: 2000, bounced: 0, failed: 0, pending: 0, skipped: 0, deliveryRate: 1, cost: '1000.00' })
    // A second run of the job (a retry after a crash, say) sends nothing more.
    await t.services.jobs.send(SEND_QUEUE, { campaignId: c.id })
    await t.services.jobs.drain(SEND_QUEUE)
    expect(smtp.messages).toHaveLength(2000)
  }, 600_000)

  it('skips and reports invalid and duplicate addresses and never mails suppressed ones', async () => {
    await customers('mixed', ['ok1@mix.cn', 'OK1@mix.cn ', 'not-an-address', 'ok2@mix.cn', 'gone@mix.cn', null, ''])
    await api.post('/api/v1/suppressions', { email: 'gone@mix.cn' }, marketing)
    const c = await campaignFor('mixed')
    smtp.messages.length = 0
    await api.post(`/api/v1/campaigns/${c.id}/send`, {}, marketing)
    await sendAll(c.id)
    expect(smtp.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(['ok1@mix.cn', 'ok2@mix.cn'])
    expect(await stats(c.id)).toMatchObject({ recipients: 2, delivered: 2, skipped: 2, skippedInvalid: 1, skippedSuppressed: 1, duplicates: 1 })
    const skipped = json(await api.get(`/api/v1/campaigns/${c.id}/recipients?state=skipped`, marketing)).items
    expect(skipped.map((r: any) => [r.email, r.skipReason]).sort()).toEqual([['gone@mix.cn', 'suppressed'], ['not-an-address', 'invalid']])
  })

  it('retries a 451 with back-off until delivered; a 550 is a bounce that is suppressed for every later campaign', async () => {
    await customers('faults', ['temp@fault.cn', 'nouser@fault.cn', 'fine@fault.cn'])
    const c = await campaignFor('faults')
    smtp.messages.length = 0
    smtp.behave({ failAll: { code: 451, message: '4.3.0 try again later' } })
    await api.post(`/api/v1/campaigns/${c.id}/send`, {}, marketing)
    await t.services.jobs.drain(SEND_QUEUE)
    const afterFirst = await t.db.selectFrom('campaignRecipients').select(['email', 'state', 'attempts', 'lastError']).where('campaignId', '=', c.id).execute()
    expect(afterFirst.every((r) => r.state === 'pending' && r.attempts >= 1 && /451/.test(r.lastError ?? ''))).toBe(true)
    smtp.behave({ rejectRecipient: (a) => a === 'nouser@fault.cn' })
    expect(await sendAll(c.id)).toBe('sent')
    expect(smtp.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(['fine@fault.cn', 'temp@fault.cn'])
    expect(await stats(c.id)).toMatchObject({ delivered: 2, bounced: 1, sent: 3 })
    const sup = await t.db.selectFrom('suppressions').selectAll().where('email', '=', 'nouser@fault.cn').executeTakeFirstOrThrow()
    expect(sup).toMatchObject({ reason: 'bounced', campaignId: c.id })

    // A campaign to the same people later skips the bounced address.
    const again = await campaignFor('faults')
    smtp.messages.length = 0
    await api.post(`/api/v1/campaigns/${again.id}/send`, {}, marketing)
    await sendAll(again.id)
    expect(smtp.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(['fine@fault.cn', 'temp@fault.cn'])
    smtp.behave({})
  })

  it('gives up after maxAttempts temporary failures and marks the recipient failed', async () => {
    await customers('dead', ['a@dead.cn'])
    const c = await campaignFor('dead')
    smtp.behave({ failAll: { code: 421, message: '4.7.0 go away' } })
    await api.post(`/api/v1/campaigns/${c.id}/send`, {}, marketing)
    expect(await sendAll(c.id)).toBe('failed')
    smtp.behave({})
    expect(await stats(c.id)).toMatchObject({ failed: 1, delivered: 0 })
    const r = await t.db.selectFrom('campaignRecipients').select(['attempts', 'state']).where('campaignId', '=', c.id).executeTakeFirstOrThrow()
    expect(r).toEqual({ attempts: 3, state: 'failed' })
  })

  it('is sent once: a second POST /send is refused, and the message can no longer be edited', async () => {
    await customers('once', ['once@x.cn'])
    const c = await campaignFor('once')
    await api.post(`/api/v1/campaigns/${c.id}/send`, {}, marketing)
    expectProblem(await api.post(`/api/v1/campaigns/${c.id}/send`, {}, marketing), 409)
    const fresh = json(await api.get(`/api/v1/campaigns/${c.id}`, marketing))
    expectProblem(await api.patch(`/api/v1/campaigns/${c.id}`, { emailSubject: 'changed', version: fresh.version }, marketing), 409)
    await sendAll(c.id)
  })
})
