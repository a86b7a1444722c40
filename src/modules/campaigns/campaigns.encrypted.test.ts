import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertUser } from '../../test/factories'
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-server'
import { http } from '../../test/http'
import { SEND_QUEUE } from './campaigns.sender'
import { putSetting } from '../../db/settings.repository'

let t: TestApp
let api: ReturnType<typeof http>
let smtp: TestSmtpServer
let admin: AuthHeaders

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await createTestApp({ SMTP_URL: smtp.url, KITH_ENCRYPTION_KEY: randomBytes(32).toString('base64'), KITH_PUBLIC_URL: 'https://crm.example.cn' })
  api = http(t)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  await api.put('/api/v1/campaign-settings', { messagesPerMinute: null, maxAttempts: 1, retryBaseSeconds: 1 }, admin)
  // Chosen as the settings page does (without its background job: nothing is stored yet).
  await putSetting(t.db, 'encryption_fields', { fields: ['contacts.email', 'customers.email'], version: 1 })
}, 120_000)
afterAll(async () => {
  await t.close()
  await smtp.close()
})

describe('a campaign to customers and contacts whose e-mail is encrypted', () => {
  it('mails the opened addresses, skips a suppressed one, and shows opened addresses in the list members', async () => {
    const mk = async (name: string, email: string) => json(await api.post('/api/v1/customers', { name, email, tags: ['enc-news'] }, admin))
    const a = await mk('甲公司', 'jia@enc.example.cn')
    await mk('乙公司', 'yi@enc.example.cn')
    await mk('丙公司', 'BING@enc.example.cn')
    const raw = await t.db.selectFrom('customers').select('email').where('id', '=', a.id).executeTakeFirstOrThrow()
    expect(raw.email).toMatch(/^kenc:v1:/)
    expect((await api.post('/api/v1/suppressions', { email: 'yi@enc.example.cn' }, admin)).statusCode).toBe(201)

    const list = json(await api.post('/api/v1/mailing-lists', { name: 'enc', kind: 'dynamic', filter: { all: [{ field: 'customer.tags', op: 'contains', value: 'enc-news' }] } }, admin))
    const members = json(await api.get(`/api/v1/mailing-lists/${list.id}/members`, admin)).items.map((m: { email: string }) => m.email).sort()
    expect(members).toEqual(['bing@enc.example.cn', 'jia@enc.example.cn', 'yi@enc.example.cn'])

    const c = json(await api.post('/api/v1/campaigns', { name: '加密', type: 'email', mailingListId: list.id, emailSubject: '您好', emailBody: '<p>您好 {{name}}</p>' }, admin))
    expect((await api.post(`/api/v1/campaigns/${c.id}/send`, {}, admin)).statusCode).toBe(202)
    for (let i = 0; i < 100; i++) {
      await t.services.jobs.drain(SEND_QUEUE)
      const s = await t.db.selectFrom('campaigns').select('sendStatus').where('id', '=', c.id).executeTakeFirstOrThrow()
      if (s.sendStatus === 'sent' || s.sendStatus === 'failed') break
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(smtp.messages.map((m) => m.envelopeTo.join(',')).sort()).toEqual(['bing@enc.example.cn', 'jia@enc.example.cn'])
    const recipients = await t.db.selectFrom('campaignRecipients').select(['email', 'state', 'skipReason']).where('campaignId', '=', c.id).orderBy('email').execute()
    expect(recipients).toEqual([
      { email: 'bing@enc.example.cn', state: 'sent', skipReason: null },
      { email: 'jia@enc.example.cn', state: 'sent', skipReason: null },
      { email: 'yi@enc.example.cn', state: 'skipped', skipReason: 'suppressed' },
    ])
  }, 180_000)
})
