import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertUser } from '../../test/factories'
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-server'
import { testEngine } from '../../test/test-engine'
import { http } from '../../test/http'
import { newId } from '../../lib/ids'

const WORKER = fileURLToPath(new URL('./campaigns.worker.ts', import.meta.url))
const RECIPIENTS = 200

/** Several processes on one database: PostgreSQL only (PGlite is one process's memory). */
describe.runIf(testEngine === 'postgres')('a worker killed mid-send', () => {
  let t: TestApp
  let smtp: TestSmtpServer
  let marketing: AuthHeaders
  const children: ChildProcess[] = []

  beforeAll(async () => {
    smtp = await startSmtpServer()
    t = await createTestApp({ SMTP_URL: smtp.url })
    marketing = await sessionFor(t, (await insertUser(t.db, { role: 'marketing' })).id)
  })
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
    await t.close()
    await smtp.close()
  })

  const worker = (env: Record<string, string> = {}) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      env: { ...process.env, DATABASE_URL: (t.database as { url?: string }).url!, SMTP_URL: smtp.url, KITH_SECRET: 'test-secret-test-secret-test-secret!', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stderr!.on('data', (d) => process.stderr.write(`[worker ${child.pid}] ${d}`))
    children.push(child)
    return child
  }
  const until = async (check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) => {
    const deadline = Date.now() + timeoutMs
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
      await new Promise((r) => setTimeout(r, 2))
    }
  }

  it('SIGKILL after some messages, a new worker resumes: exactly one message per recipient, none skipped', async () => {
    const api = http(t)
    await t.db.insertInto('customers').values(Array.from({ length: RECIPIENTS }, (_, i) => ({
      id: newId(), name: `Crash ${i}`, email: `crash${i}@example.com`, phone: null, company: null, website: null, industry: null, address: null,
      tags: ['crash'], source: null, ownerId: null, teamId: null, description: null, createdBy: null, deletedAt: null, mergedInto: null,
    }))).execute()
    const list = json(await api.post('/api/v1/mailing-lists', { name: 'crash', kind: 'dynamic', filter: { all: [{ field: 'customer.tags', op: 'contains', value: 'crash' }] } }, marketing))
    // Throttled, so the kill lands between messages (see the crash policy in campaigns.sender.ts).
    const c = json(await api.post('/api/v1/campaigns', { name: 'crash', mailingListId: list.id, emailSubject: 'Hi {{name}}', emailBody: '<p>x</p>', messagesPerMinute: 1200 }, marketing))
    expect((await api.post(`/api/v1/campaigns/${c.id}/send`, {}, marketing)).statusCode).toBe(202)

    const first = worker()
    await until(() => smtp.messages.length >= 40, 60_000, 'the first worker to send 40 messages')
    // Killed when every message the SMTP server accepted is marked sent: one whose 250 reply was in
    // flight would go twice (SMTP cannot take it back), and on a loaded machine a fixed pause after
    // the last message does not cover that window.
    await until(async () => {
      const sent = await t.db.selectFrom('campaignRecipients').select((eb) => eb.fn.countAll<number>().as('n')).where('campaignId', '=', c.id).where('state', '=', 'sent').executeTakeFirstOrThrow()
      if (Number(sent.n) !== smtp.messages.length) return false
      first.kill('SIGKILL')
      return true
    }, 10_000, 'a moment with no message in flight')
    await new Promise((r) => first.once('exit', r))
    const atKill = smtp.messages.length
    expect(atKill).toBeLessThan(RECIPIENTS)
    const leftSending = await t.db.selectFrom('campaignRecipients').select((eb) => eb.fn.countAll<number>().as('n')).where('campaignId', '=', c.id).where('state', '=', 'sending').executeTakeFirstOrThrow()

    const second = worker({ KITH_RESUME_STALE_SECONDS: '0' })
    await until(async () => (await t.db.selectFrom('campaigns').select('sendStatus').where('id', '=', c.id).executeTakeFirstOrThrow()).sendStatus === 'sent', 90_000, 'the send to finish')
    second.kill('SIGTERM')

    const to = smtp.messages.map((m) => m.envelopeTo[0])
    expect(new Set(to).size).toBe(RECIPIENTS)
    expect(to).toHaveLength(RECIPIENTS)
    const s = json(await api.get(`/api/v1/campaigns/${c.id}/stats`, marketing))
    expect(s).toMatchObject({ recipients: RECIPIENTS, delivered: RECIPIENTS, pending: 0 })
    console.log(`killed after ${atKill} messages with ${Number(leftSending.n)} recipient(s) left in 'sending'; resumed and finished with ${to.length}`)
  }, 180_000)
})
