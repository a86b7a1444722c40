import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newId } from '../../lib/ids'
import { cliProcess } from '../../test/cli-process'
import { insertUser } from '../../test/factories'
import { http } from '../../test/http'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { testEngine } from '../../test/test-engine'
import { readResealProgress, reseal } from './encryption.reseal'

const KEY = randomBytes(32).toString('base64')
const TICKETS = 3000
const EDITED = 60

const rotateProcess = (url: string, killAfter?: RegExp) =>
  cliProcess(['keys', 'rotate', '--batch', '10'], { DATABASE_URL: url, KITH_ENCRYPTION_KEY: KEY, LOG_LEVEL: 'warn' }, killAfter)

/**
 * A key rotation killed with -9 halfway, while the server keeps editing the same records: the
 * second run resumes the pass (no third key), every value ends under the new key, and every
 * edit made meanwhile is still there. PostgreSQL only: the CLI and the server share the database.
 */
describe.runIf(testEngine === 'postgres')('kith keys rotate killed with -9 under load', () => {
  let t: TestApp
  let support: AuthHeaders

  beforeAll(async () => {
    t = await createTestApp({ KITH_ENCRYPTION_KEY: KEY })
    await t.services.jobs.start()
    support = await sessionFor(t, (await insertUser(t.db, { role: 'support' })).id)
  })
  afterAll(() => t?.close())

  it('resumes where it was killed; nothing lost, nothing left under the old key', async () => {
    const api = http(t)
    const admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    const current = json(await api.get('/api/v1/settings/encryption', admin))
    const chosen = await api.put('/api/v1/settings/encryption', { fields: ['tickets.description'], version: current.version }, admin)
    expect(chosen.statusCode, chosen.body).toBe(200)
    for (let from = 0; from < TICKETS; from += 1000) {
      await t.db.insertInto('tickets').values(Array.from({ length: 1000 }, (_, k) => from + k).map((i) => ({
        id: newId(), number: `T-9${String(i).padStart(5, '0')}`, type: 'inquiry' as const, subject: `轮换 ${i}`, description: `原始描述 rot-${i}`,
        channel: 'email' as const, priority: 'normal' as const, customerId: null, contactId: null, orderId: null, productId: null, contactName: null,
        contactEmail: null, contactPhone: null, requesterTokenHash: null, expectedResolution: null, resolution: null, satisfaction: null,
        satisfactionComment: null, assigneeId: null, firstResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, resolvedAt: null,
        closedAt: null, lastCustomerReplyAt: null, slaPausedAt: null, meta: '{}', createdBy: null, deletedAt: null,
      }))).execute()
    }
    await reseal(t.db, t.services.encryption, { settleMs: 0 })
    const key1 = (await t.db.selectFrom('encryptionKeys').select('id').where('active', '=', true).executeTakeFirstOrThrow()).id
    const underKey = async (id: string) =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM tickets WHERE description LIKE ${`kenc:v1:${id}:%`}`.execute(t.db)).rows[0]!.n
    expect(await underKey(key1)).toBe(TICKETS)

    // Edits through the server while the rotation runs (and after it is killed).
    const targets = await t.db.selectFrom('tickets').select(['id', 'version']).orderBy('id', 'desc').limit(EDITED).execute()
    let editing = true
    const edits = (async () => {
      let round = 0
      while (editing) {
        round++
        for (const tk of targets) {
          const res = await api.patch(`/api/v1/tickets/${tk.id}`, { version: tk.version, description: `编辑 ${tk.id} round ${round}` }, support)
          expect(res.statusCode, res.body).toBe(200)
          tk.version = json(res).version
        }
      }
      return round
    })()

    const url = (t.database as { url?: string }).url!
    const killed = await rotateProcess(url, /… tickets\.description up to/)
    expect(killed.signal, killed.output).toBe('SIGKILL')
    const cut = await readResealProgress(t.db)
    expect(cut?.finishedAt).toBeNull()
    const key2 = cut!.keyId
    expect(key2).not.toBe(key1)
    const halfway = await underKey(key2)
    expect(halfway).toBeGreaterThan(0)
    expect(halfway).toBeLessThan(TICKETS)

    const again = await rotateProcess(url)
    editing = false
    const rounds = await edits
    expect(again.code, again.output).toBe(0)
    expect(again.output).toMatch(/^Resumed and finished/m)
    expect(await t.db.selectFrom('encryptionKeys').select('id').execute()).toHaveLength(2) // resumed, no third key

    // The server followed the new key within its re-read interval, before the first run's scan began (settleMs).
    expect(await underKey(key2)).toBe(TICKETS)
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM tickets WHERE description NOT LIKE 'kenc:v1:%'`.execute(t.db)
    expect(rows[0]!.n).toBe(0)
    for (const tk of targets) expect(json(await api.get(`/api/v1/tickets/${tk.id}`, support)).description).toBe(`编辑 ${tk.id} round ${rounds}`)
    const untouched = await t.db.selectFrom('tickets').select('id').where('number', '=', 'T-900007').executeTakeFirstOrThrow()
    expect(json(await api.get(`/api/v1/tickets/${untouched.id}`, support)).description).toBe('原始描述 rot-7')
  }, 300_000)
})
