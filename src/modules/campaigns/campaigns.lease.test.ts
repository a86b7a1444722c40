import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertUser } from '../../test/factories'
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-server'
import { http } from '../../test/http'
import { newId } from '../../lib/ids'
import type { Jobs } from '../../server/jobs'
import { createComposer } from './campaigns.compose'
import { createCampaignSender } from './campaigns.sender'
import { createBulkTransport } from './campaigns.transport'

/**
 * The send lease when one batch outlasts it (a slow SMTP peer): a second worker (pg-boss retrying
 * the "expired" job) must neither take the lease from a live worker nor put the rows it is still
 * sending back to pending — either would mail those recipients twice.
 */
let t: TestApp
let smtp: TestSmtpServer
let api: ReturnType<typeof http>
let marketing: AuthHeaders
const LEASE_SECONDS = 1

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await createTestApp({ SMTP_URL: smtp.url })
  api = http(t)
  marketing = await sessionFor(t, (await insertUser(t.db, { role: 'marketing' })).id)
  const put = await t.app.inject({ method: 'PUT', url: '/api/v1/campaign-settings', headers: marketing, payload: { messagesPerMinute: null, maxAttempts: 3, retryBaseSeconds: 1 } })
  expect(put.statusCode, put.body).toBe(200)
})
afterAll(async () => {
  await t.close()
  await smtp.close()
})

/** A worker as a separate process would have: its own SMTP connection; the re-enqueued job is only noted. */
function worker() {
  const enqueued: { data: unknown; startAfter?: Date }[] = []
  const jobs: Jobs = {
    define: () => {},
    send: async (_name, data, opts) => { enqueued.push({ data, startAfter: opts?.startAfter }); return null },
    start: async () => {},
    stop: async () => {},
    drain: async () => 0,
    recover: async () => 0,
  }
  const s = t.services
  const sender = createCampaignSender({
    db: t.db, jobs, mailer: s.mailer, composer: createComposer({ publicUrl: 'http://localhost:3000', mailFrom: 'Kith <news@kith.test>' }),
    campaigns: s.campaigns, mailingLists: s.mailingLists, suppressions: s.suppressions,
    bulk: createBulkTransport({ smtpUrl: smtp.url, from: 'Kith <news@kith.test>', fallback: s.mailer }),
    options: { leaseSeconds: LEASE_SECONDS, batchSize: 50, sliceMs: 60_000 },
  })
  return { sender, enqueued }
}

/** A campaign to n new addresses, POSTed to /send (scheduled; its queued job is not worked here). */
async function scheduled(tag: string, n: number) {
  await t.db.insertInto('customers').values(Array.from({ length: n }, (_, i) => ({
    id: newId(), name: `${tag} ${i}`, email: `${tag}${i}@lease.example.com`, phone: null, company: null, website: null, industry: null, address: null,
    tags: [tag], source: null, ownerId: null, teamId: null, description: null, createdBy: null, deletedAt: null, mergedInto: null,
  }))).execute()
  const list = json(await api.post('/api/v1/mailing-lists', { name: tag, kind: 'dynamic', filter: { all: [{ field: 'customer.tags', op: 'contains', value: tag }] } }, marketing))
  const c = json(await api.post('/api/v1/campaigns', { name: tag, mailingListId: list.id, emailSubject: 'Hi', emailBody: '<p>x</p>' }, marketing))
  expect((await api.post(`/api/v1/campaigns/${c.id}/send`, {}, marketing)).statusCode).toBe(202)
  return c.id as string
}

const mailedTo = (tag: string) => smtp.messages.map((m) => m.envelopeTo[0]!).filter((a) => a.startsWith(tag))
const sendStatus = async (id: string) => (await t.db.selectFrom('campaigns').select('sendStatus').where('id', '=', id).executeTakeFirstOrThrow()).sendStatus

describe('the send lease with a slow SMTP peer', () => {
  it('a second worker starting while the first is mid-batch and past the lease mails nobody twice', async () => {
    const id = await scheduled('slow', 8)
    smtp.behave({ delayMs: 300 }) // 8 × 300 ms: the one batch takes more than twice the 1 s lease
    try {
      const a = worker()
      const b = worker()
      const first = a.sender.work({ campaignId: id }, { id: 'job-a' })
      await new Promise((r) => setTimeout(r, LEASE_SECONDS * 1000 + 400))
      const retry = b.sender.work({ campaignId: id }, { id: 'job-b' })
      await Promise.all([first, retry])
    } finally {
      smtp.behave({})
    }
    const to = mailedTo('slow')
    expect(to.length - new Set(to).size).toBe(0)
    expect(to).toHaveLength(8)
    expect(await sendStatus(id)).toBe('sent')
  }, 30_000)

  it("leaves a row another worker claimed within the lease in 'sending' (it may be in its SMTP conversation); releases it once stale", async () => {
    const id = await scheduled('inflight', 4)
    const w = worker()
    await w.sender.prepare(id)
    const rows = await t.db.selectFrom('campaignRecipients').select(['id', 'email']).where('campaignId', '=', id).orderBy('id').execute()
    // A worker that lost its lease was handing this one to SMTP just now.
    await t.db.updateTable('campaignRecipients').set({ state: 'sending', attempts: 1, claimedAt: sql<Date>`now()` }).where('id', '=', rows[0]!.id).execute()

    await w.sender.work({ campaignId: id }, { id: 'job-1' })
    expect(mailedTo('inflight').sort()).toEqual(rows.slice(1).map((r) => r.email).sort())
    expect((await t.db.selectFrom('campaignRecipients').select('state').where('id', '=', rows[0]!.id).executeTakeFirstOrThrow()).state).toBe('sending')
    expect(await sendStatus(id)).toBe('sending')
    // Looked at again once the claim can be stale, not in a busy loop.
    expect(w.enqueued).toHaveLength(1)
    expect(w.enqueued[0]!.startAfter!.getTime()).toBeGreaterThan(Date.now())

    await t.db.updateTable('campaignRecipients').set({ claimedAt: sql<Date>`now() - interval '5 seconds'` }).where('id', '=', rows[0]!.id).execute()
    await w.sender.work({ campaignId: id }, { id: 'job-2' })
    const to = mailedTo('inflight')
    expect(to.sort()).toEqual(rows.map((r) => r.email).sort())
    expect(await sendStatus(id)).toBe('sent')
  }, 30_000)
})
