import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertCustomer, insertTeam, insertUser } from '../../test/factories'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'

describe('customer growth', () => {
  let t: TestApp
  let admin: AuthHeaders

  beforeAll(async () => {
    t = await createTestApp()
    admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  })
  afterAll(() => t.close())

  it('customer growth from the rollup equals a recount from the customers in any time zone, after creates, edits, deletes, merges and moves', async () => {
    const team = await insertTeam(t.db)
    const rep = await insertUser(t.db, { role: 'sales', teamId: team.id })
    const other = await insertUser(t.db, { role: 'sales' })
    const repHeaders = await sessionFor(t, rep.id)
    // Deterministic spread over two years, thick around month boundaries where time zones disagree.
    let seed = 7
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    const ids: string[] = []
    const values = Array.from({ length: 400 }, (_, i) => {
      const month = Math.floor(rand() * 24)
      const base = Date.UTC(2025, month, 1)
      const offsetHours = i % 2 ? (rand() - 0.5) * 30 : rand() * 24 * 28
      const owner = [rep.id, other.id, null][i % 3]!
      return { createdAt: new Date(base + offsetHours * 3600_000), ownerId: owner, teamId: owner === rep.id ? team.id : null }
    })
    for (const v of values) ids.push((await insertCustomer(t.db, v)).id)
    // One statement for many rows (as an import writes), edits of other fields, deletes, a restore, a merge, moves.
    await t.db.insertInto('customers').values(values.slice(0, 50).map((v, i) => ({ ...v, id: crypto.randomUUID(), name: `批量 ${i}`, createdBy: null }))).execute()
    await t.db.updateTable('customers').set({ industry: '制造' }).where('id', 'in', ids.slice(0, 100)).execute()
    await t.db.updateTable('customers').set({ deletedAt: new Date() }).where('id', 'in', ids.slice(100, 140)).execute()
    await t.db.updateTable('customers').set({ deletedAt: null }).where('id', 'in', ids.slice(100, 110)).execute()
    await t.db.updateTable('customers').set({ mergedInto: ids[0]!, deletedAt: new Date() }).where('id', 'in', ids.slice(140, 150)).execute()
    await t.db.updateTable('customers').set({ ownerId: other.id, teamId: null }).where('id', 'in', ids.slice(150, 200)).execute()
    await t.db.updateTable('customers').set({ createdAt: new Date('2026-02-28T20:00:00Z') }).where('id', 'in', ids.slice(200, 210)).execute()
    await t.db.deleteFrom('customers').where('id', 'in', ids.slice(210, 220)).execute()

    for (const tz of ['Asia/Shanghai', 'UTC', 'America/St_Johns', 'Asia/Kathmandu']) {
      for (const [headers, scoped] of [[admin, false], [repHeaders, true]] as const) {
        const body = json(await t.app.inject({ method: 'GET', url: `/api/v1/reports/customer-growth?${new URLSearchParams({ from: '2025-03-15', to: '2026-08-31', tz })}`, headers }))
        const { rows } = await sql<{ m: string; n: number; before: number }>`
          SELECT to_char(created_at AT TIME ZONE ${tz}, 'YYYY-MM') AS m, count(*)::int AS n, 0 AS before FROM customers
           WHERE deleted_at IS NULL AND merged_into IS NULL AND (${!scoped} OR owner_id = ${rep.id} OR team_id = ${team.id})
             AND created_at >= '2025-03-15'::timestamp AT TIME ZONE ${tz} AND created_at < '2026-09-01'::timestamp AT TIME ZONE ${tz}
           GROUP BY 1
          UNION ALL
          SELECT 'before', 0, count(*)::int FROM customers
           WHERE deleted_at IS NULL AND merged_into IS NULL AND (${!scoped} OR owner_id = ${rep.id} OR team_id = ${team.id})
             AND created_at < '2025-03-15'::timestamp AT TIME ZONE ${tz}`.execute(t.db)
        let running = rows.find((r) => r.m === 'before')!.before
        const expected = body.rows.map((r: { month: string }) => {
          const n = rows.find((x) => x.m === r.month)?.n ?? 0
          running += n
          return { month: r.month, newCustomers: n, cumulative: running }
        })
        expect(body.rows, `${tz} ${scoped ? 'rep' : 'admin'}`).toEqual(expected)
        expect(body.rows).toHaveLength(18)
      }
    }
    // The rollup itself holds exactly the live customers per UTC day, owner and team.
    const drift = await sql<{ n: number }>`
      WITH rollup AS (SELECT day, owner_id, team_id, n FROM customer_daily_counts WHERE n <> 0),
           recount AS (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, owner_id, team_id, count(*)::int AS n
                         FROM customers WHERE deleted_at IS NULL AND merged_into IS NULL GROUP BY 1, 2, 3)
      SELECT (SELECT count(*) FROM (SELECT * FROM rollup EXCEPT SELECT * FROM recount) a)::int
           + (SELECT count(*) FROM (SELECT * FROM recount EXCEPT SELECT * FROM rollup) b)::int AS n`.execute(t.db)
    expect(drift.rows[0]!.n).toBe(0)
  })
})
