import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertUser } from '../../test/factories'
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-server'
import { http } from '../../test/http'
import { newId } from '../../lib/ids'
import * as rcp from './campaigns.recipients.repository'

let t: TestApp
let smtp: TestSmtpServer
let marketing: AuthHeaders

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await createTestApp({ SMTP_URL: smtp.url })
  marketing = await sessionFor(t, (await insertUser(t.db, { role: 'marketing' })).id)
})
afterAll(async () => {
  await t.close()
  await smtp.close()
})

async function materialised(tag: string, n: number) {
  const api = http(t)
  await t.db.insertInto('customers').values(Array.from({ length: n }, (_, i) => ({
    id: newId(), name: `${tag} ${i}`, email: `${tag}${i}@fence.example.com`, phone: null, company: null, website: null, industry: null, address: null,
    tags: [tag], source: null, ownerId: null, teamId: null, description: null, createdBy: null, deletedAt: null, mergedInto: null,
  }))).execute()
  const list = json(await api.post('/api/v1/mailing-lists', { name: tag, kind: 'dynamic', filter: { all: [{ field: 'customer.tags', op: 'contains', value: tag }] } }, marketing))
  const c = json(await api.post('/api/v1/campaigns', { name: tag, mailingListId: list.id, emailSubject: 'Hi', emailBody: '<p>x</p>' }, marketing))
  expect((await api.post(`/api/v1/campaigns/${c.id}/send`, {}, marketing)).statusCode).toBe(202)
  await t.services.campaignSender.prepare(c.id)
  return c.id as string
}

const states = async (id: string) =>
  (await t.db.selectFrom('campaignRecipients').select(['state']).where('campaignId', '=', id).execute()).map((r) => r.state).sort()

/**
 * A send worker whose process was taken for dead (the recovery broke its lease and requeued its
 * job) may wake up mid-batch: none of its writes to the recipients' send state may land.
 */
describe('the send lease fences a worker taken for dead', () => {
  it("once the lease is broken, the old holder can neither claim, mark sent, retry, fail nor renew; the new holder can", async () => {
    const id = await materialised('fence', 4)
    const old = (await rcp.takeLease(t.db, id, 'job-old', 120))!
    const claimed = await rcp.claim(t.db, old, 2)
    expect(claimed).toHaveLength(2)

    await rcp.breakLease(t.db, id, 'job-old')
    expect(await states(id)).toEqual(['pending', 'pending', 'pending', 'pending'])

    const now = (await rcp.takeLease(t.db, id, 'job-new', 120))!
    expect(now.epoch).toBeGreaterThan(old.epoch)
    const mine = await rcp.claim(t.db, now, 4)
    expect(mine).toHaveLength(4)

    expect(await rcp.claim(t.db, old, 4)).toEqual([])
    expect(await rcp.markSent(t.db, old, claimed[0]!.id, '<zombie@kith>')).toBe(false)
    expect(await rcp.markRetry(t.db, old, claimed[1]!.id, 60, 'zombie')).toBe(false)
    expect(await rcp.markFinal(t.db, old, claimed[1]!.id, 'failed', 'zombie')).toBe(false)
    expect(await rcp.renewLease(t.db, old)).toBe(false)
    expect(await rcp.renewForSend(t.db, old, [claimed[0]!.id])).toBe(false)
    expect(await states(id)).toEqual(['sending', 'sending', 'sending', 'sending'])

    for (const r of mine) expect(await rcp.markSent(t.db, now, r.id, `<${r.id}@kith>`)).toBe(true)
    expect(await states(id)).toEqual(['sent', 'sent', 'sent', 'sent'])
    const messageIds = await t.db.selectFrom('campaignRecipients').select('messageId').where('campaignId', '=', id).execute()
    expect(messageIds.every((r) => r.messageId !== '<zombie@kith>')).toBe(true)
  })

  it('a lease holder that lost the lease to a stale takeover does not finish the send', async () => {
    const id = await materialised('finish', 1)
    const old = (await rcp.takeLease(t.db, id, 'job-a', 120))!
    // job-a stopped beating: a worker with a 0 s lease takes over.
    const now = (await rcp.takeLease(t.db, id, 'job-b', 0))!
    await rcp.finishSend(t.db, old, { sendStatus: 'failed', sendError: 'zombie' })
    expect((await t.db.selectFrom('campaigns').select('sendStatus').where('id', '=', id).executeTakeFirstOrThrow()).sendStatus).toBe('sending')
    await rcp.finishSend(t.db, now, { sendStatus: 'sent', sendError: null })
    expect((await t.db.selectFrom('campaigns').select('sendStatus').where('id', '=', id).executeTakeFirstOrThrow()).sendStatus).toBe('sent')
  })
})
