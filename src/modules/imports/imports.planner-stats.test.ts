import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertUser } from '../../test/factories'
import { importApi } from './imports.test-support'

let t: TestApp
let admin: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
})
afterAll(() => t.close())

const ROWS = 3000
const csv = () => `Name,Email\n${Array.from({ length: ROWS }, (_, i) => `Planner ${i},planner${i}@stats.example`).join('\n')}\n`

/** How many rows PostgreSQL expects a batch's duplicate lookup by e-mail to find: what it plans by. */
async function expectedRows(keys: number) {
  const emails = Array.from({ length: keys }, (_, i) => `planner${i * 7}@stats.example`)
  const { rows } = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`EXPLAIN (FORMAT JSON) SELECT id FROM customers WHERE deleted_at IS NULL AND lower(email) = ANY(${emails}::text[])`.execute(t.db)
  return rows[0]!['QUERY PLAN'][0].Plan['Plan Rows']
}

describe('statistics while an import grows a table', () => {
  it('analyses the table it fills, so a batch looks its duplicates up by index, not by reading the table', async () => {
    const a = (await importApi(t).analyze(admin, 'customers', { name: 'many.csv', data: Buffer.from(csv()) })).json()
    const status = await importApi(t).run(admin, a.id, { entity: 'customers', mode: 'skip-duplicates', dedupeBy: 'email' })
    expect(status).toMatchObject({ status: 'completed', counts: { created: ROWS } })

    const { rows: [table] } = await sql<{ n: number }>`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'customers'`.execute(t.db)
    expect(table!.n).toBeGreaterThanOrEqual(ROWS)
    // The lower-cased e-mail has statistics of its own (its index is partial, and the planner takes none from a partial index).
    const { rows: [emails] } = await sql<{ n: number }>`SELECT n_distinct::float8 AS n FROM pg_stats_ext_exprs WHERE statistics_name = 'customers_email_lower_stats'`.execute(t.db)
    expect(emails!.n).toBeLessThan(-0.9)
    // Without them the planner takes 0.5% of the table a key: 60 keys, 30% of it (at 200 keys, all
    // of it, read in full for every batch of a large import).
    expect(await expectedRows(60)).toBeLessThanOrEqual(120)
  })
})
