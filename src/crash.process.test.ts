import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { resolve } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertUser, TEST_PASSWORD } from './test/factories'
import { startSmtpServer, type TestSmtpServer } from './test/smtp-server'
import { createTestDatabase } from './test/test-db'
import { testEngine } from './test/test-engine'
import type { Database } from './db/database'
import { multipart } from './modules/imports/imports.test-support'
import { newId } from './lib/ids'

const root = resolve(import.meta.dirname, '..')
const RECIPIENTS = 300
const IMPORT_ROWS = 20_000
/** The new bound: a server killed with -9 and started again resumes its work within this of listening (pg-boss alone took 9 to 60 minutes). */
const RESUME_WITHIN_MS = 10_000

const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => done(port))
    })
  })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
async function until<T>(check: () => Promise<T | false | undefined> | T | false | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await check()
    if (v) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(10)
  }
}

/**
 * The real server process (`node dist/server/main.mjs`) on PostgreSQL, killed with -9 while an
 * import and a campaign send are both half done, then started again: both finish within the
 * recovery bound, with every row imported once and every recipient mailed once (counted).
 */
describe.runIf(testEngine === 'postgres')('kill -9 of the server mid-import and mid-send', () => {
  let database: Database & { url?: string }
  let smtp: TestSmtpServer
  let port: number
  const children: ChildProcess[] = []

  beforeAll(async () => {
    await new Promise<void>((done, fail) =>
      spawn(process.execPath, ['scripts/build-if-stale.mjs', 'server'], { cwd: root, stdio: 'inherit' }).on('exit', (code) => (code === 0 ? done() : fail(new Error(`build exited ${code}`)))),
    )
    smtp = await startSmtpServer()
    database = await createTestDatabase()
    port = await freePort()
  }, 120_000)
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
    await database?.close()
    await smtp?.close()
  })

  async function server() {
    const child = spawn(process.execPath, ['dist/server/main.mjs'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: database.url!, SMTP_URL: smtp.url, KITH_SECRET: 'crash-secret-crash-secret-crash-secret', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    child.stderr!.on('data', (d) => process.stderr.write(`[server ${child.pid}] ${d}`))
    children.push(child)
    await until(async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.ok, 30_000, 'the server to listen')
    return child
  }

  it('resumes both within seconds; nothing lost, nothing twice', async () => {
    const first = await server()
    const base = `http://127.0.0.1:${port}/api/v1`
    const admin = await insertUser(database.db, { role: 'admin' })
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: admin.email, password: TEST_PASSWORD }) })
    const as = { cookie: login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'x-csrf-token': (await login.json()).csrfToken as string }
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { ...as, 'content-type': 'application/json' }, body: JSON.stringify(body) })
      expect(res.status, await res.clone().text()).toBeLessThan(300)
      return res.json()
    }

    await database.db.insertInto('customers').values(Array.from({ length: RECIPIENTS }, (_, i) => ({
      id: newId(), name: `Mail ${i}`, email: `mail${i}@crash.example.com`, phone: null, company: null, website: null, industry: null, address: null,
      tags: ['crash-mail'], source: null, ownerId: null, teamId: null, description: null, createdBy: null, deletedAt: null, mergedInto: null,
    }))).execute()
    const list = await post('/mailing-lists', { name: 'crash', kind: 'dynamic', filter: { all: [{ field: 'customer.tags', op: 'contains', value: 'crash-mail' }] } })
    // Throttled, so the kill lands between messages (see the crash policy in campaigns.sender.ts).
    const campaign = await post('/campaigns', { name: 'crash', mailingListId: list.id, emailSubject: 'Hi {{name}}', emailBody: '<p>x</p>', messagesPerMinute: 1200 })
    await post(`/campaigns/${campaign.id}/send`, {})

    const csv = ['name,email', ...Array.from({ length: IMPORT_ROWS }, (_, i) => `Imported ${i + 1},imported${i + 1}@crash.cn`)].join('\n')
    const form = multipart({ entity: 'customers' }, { name: 'crash.csv', data: Buffer.from(csv) })
    const analyzed = await fetch(`${base}/imports/analyze`, { method: 'POST', headers: { ...as, ...form.headers }, body: form.payload })
    expect(analyzed.status).toBe(200)
    const importId = (await analyzed.json()).id as string
    await post(`/imports/${importId}/start`, { entity: 'customers' })

    const importRow = () => database.db.selectFrom('imports').select(['status', 'phase', 'committedRow', 'createdCount', 'processedRows']).where('id', '=', importId).executeTakeFirstOrThrow()
    const sendStatus = async () => (await database.db.selectFrom('campaigns').select('sendStatus').where('id', '=', campaign.id).executeTakeFirstOrThrow()).sendStatus
    const markedSent = async () =>
      Number((await database.db.selectFrom('campaignRecipients').select((eb) => eb.fn.countAll<number>().as('n')).where('campaignId', '=', campaign.id).where('state', '=', 'sent').executeTakeFirstOrThrow()).n)
    // Mid-way: the import has committed a batch of its write pass, the campaign has mailed some.
    await until(async () => {
      const r = await importRow()
      return r.phase === 'write' && r.committedRow > 0 && smtp.messages.length >= 20
    }, 60_000, 'both to be half done').catch(async (err: Error) => {
      throw new Error(`${err.message}: import ${JSON.stringify(await importRow())}, ${smtp.messages.length} messages, campaign ${await sendStatus()}`)
    })
    // Killed when every message the SMTP server accepted is marked sent: SMTP cannot take back one
    // whose 250 reply was in flight, so a kill in that millisecond would mail it twice (with its
    // Message-ID, see the crash policy in campaigns.sender.ts); that case is counted below.
    const sentAtKill = await until(async () => {
      const n = await markedSent()
      if (n !== smtp.messages.length) return false
      first.kill('SIGKILL')
      return n
    }, 10_000, 'a moment with no message in flight')
    await new Promise((r) => first.once('exit', r))
    const atKill = { messages: smtp.messages.length, import: await importRow() }
    const inFlight = atKill.messages - sentAtKill
    expect(inFlight).toBeLessThanOrEqual(1)
    expect(atKill.messages).toBeLessThan(RECIPIENTS)
    expect(atKill.import.status).toBe('running')

    const restarted = Date.now()
    await server()
    const listening = Date.now()
    // Resumed: the import commits past where it was killed, the campaign mails again.
    const resumedAfter = await until(async () => {
      const r = await importRow()
      return (r.committedRow > atKill.import.committedRow || r.status === 'completed') && smtp.messages.length > atKill.messages && Date.now() - listening
    }, RESUME_WITHIN_MS, `both to resume within ${RESUME_WITHIN_MS} ms of the restarted server listening`)
    await until(async () => (await importRow()).status === 'completed' && (await sendStatus()) === 'sent', 60_000, 'both to finish')

    const to = smtp.messages.map((m) => m.envelopeTo[0])
    expect(new Set(to).size).toBe(RECIPIENTS)
    expect(to).toHaveLength(RECIPIENTS + inFlight)
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(RECIPIENTS)
    const r = await importRow()
    expect(r).toMatchObject({ status: 'completed', processedRows: IMPORT_ROWS, createdCount: IMPORT_ROWS })
    const { rows } = await sql<{ n: number; distinct: number }>`
      SELECT count(*)::int AS n, count(DISTINCT email)::int AS "distinct" FROM customers WHERE email LIKE '%@crash.cn'`.execute(database.db)
    expect(rows[0]).toEqual({ n: IMPORT_ROWS, distinct: IMPORT_ROWS })
    console.log(`killed at ${atKill.messages}/${RECIPIENTS} messages (${inFlight} in flight) and row ${atKill.import.committedRow}/${IMPORT_ROWS}; the new server listened after ${listening - restarted} ms, resumed both ${resumedAfter} ms later and finished ${Date.now() - listening} ms after listening`)
  }, 180_000)
})
