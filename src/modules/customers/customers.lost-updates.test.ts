import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertUser } from '../../test/factories'
import { testEngine } from '../../test/test-engine'

const CLIENTS = 16
const RECORDS = 100
/** CI-sized; `npm run proof:concurrency` runs the full 10,000. */
const EDITS = Number(process.env.KITH_PROOF_EDITS ?? 1000)

/**
 * Zero lost updates under contention: 16 clients edit 100 customers at once, each writing with the
 * version it last saw of the record (from its own 200s, or the current one a 409 returns), as an
 * optimistic client does. Every 200 must bump the version by exactly one,
 * everything else must be a 409, each record's final version must be one more than its count of
 * 200s, and its audit rows must chain every accepted edit from the first value to the last.
 * PostgreSQL only (PGlite runs one statement at a time, so nothing would race).
 */
describe.runIf(testEngine === 'postgres')(`${EDITS} conflicting edits from ${CLIENTS} clients on ${RECORDS} records`, () => {
  let t: TestApp
  const clients: AuthHeaders[] = []
  const ids: string[] = []

  beforeAll(async () => {
    t = await createTestApp()
    for (let i = 0; i < CLIENTS; i++) clients.push(await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id))
    for (let i = 0; i < RECORDS; i++) ids.push((await insertCustomer(t.db, { name: `Contended ${i}` })).id)
  }, 60_000)
  afterAll(() => t?.close())

  it('loses no update: versions, replies and audit agree', async () => {
    let budget = EDITS
    const accepted = new Map<string, number>(ids.map((id) => [id, 0]))
    const statuses: Record<number, number> = {}
    const badBumps: string[] = []
    const client = async (as: AuthHeaders, c: number) => {
      const known = new Map<string, number>()
      for (let n = 0; budget > 0; n++) {
        budget--
        const id = ids[Math.floor(Math.random() * RECORDS)]!
        const version = known.get(id) ?? 1
        const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/customers/${id}`, headers: as, payload: { version, description: `c${c}-${n}` } })
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1
        if (res.statusCode === 200) {
          accepted.set(id, accepted.get(id)! + 1)
          if (res.json().version !== version + 1) badBumps.push(`${id}: ${version} → ${res.json().version}`)
          known.set(id, res.json().version)
        } else if (res.statusCode === 409) {
          known.set(id, res.json().current.version)
        }
      }
    }
    const started = Date.now()
    await Promise.all(clients.map((as, c) => client(as, c)))
    const ms = Date.now() - started

    expect(Object.keys(statuses).map(Number).sort()).toEqual(statuses[409] ? [200, 409] : [200])
    expect(statuses[200]! + (statuses[409] ?? 0)).toBe(EDITS)
    expect(badBumps).toEqual([])

    const rows = await t.db.selectFrom('customers').select(['id', 'version', 'description']).where('id', 'in', ids).execute()
    const audit = await t.db.selectFrom('auditLog').select(['entityId', 'changes']).where('entity', '=', 'customer').where('action', '=', 'update').where('entityId', 'in', ids).execute()
    for (const row of rows) {
      expect(row.version, `version of ${row.id}`).toBe(1 + accepted.get(row.id)!)
      // The audit rows of one record form one chain: each edit's before is the previous edit's after.
      const edges = new Map<unknown, unknown>()
      for (const a of audit.filter((x) => x.entityId === row.id)) {
        const d = (a.changes as Record<string, { before: unknown; after: unknown }>).description!
        expect(edges.has(d.before ?? null), `two edits of ${row.id} from the same value (a lost update)`).toBe(false)
        edges.set(d.before ?? null, d.after)
      }
      expect(edges.size).toBe(accepted.get(row.id))
      let value: unknown = null
      for (let i = 0; i < edges.size; i++) value = edges.get(value)
      expect(value ?? null).toBe(row.description ?? null)
    }
    console.log(`${EDITS} edits in ${ms} ms: ${statuses[200]} accepted, ${statuses[409] ?? 0} refused with 409; every record's version and audit chain agree`)
  }, 600_000)
})
