import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import type { Database } from '../../db/database'
import { systemContext } from '../../server/context'
import { createServices } from '../../services'
import { createTestDatabase } from '../../test/test-db'
import { seedDemo } from '../../seed/demo'

/** The demo's service desk: real tickets through the services, with a week of history. */
describe('demo tickets', () => {
  let database: Database
  let summary: string
  beforeAll(async () => {
    database = await createTestDatabase()
    summary = await seedDemo(database)
  }, 180_000)
  afterAll(() => database.close())

  it('has tickets of every type and status worth showing, with their audit rows and process log', async () => {
    const { rows } = await sql<{ type: string; status: string; n: number }>`SELECT type, status, count(*)::int AS n FROM tickets GROUP BY 1, 2`.execute(database.db)
    const total = rows.reduce((s, r) => s + r.n, 0)
    expect(summary).toContain(`${total} tickets`)
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(['inquiry', 'complaint', 'after_sales']))
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['new', 'open', 'pending', 'resolved', 'closed']))
    const { rows: [audit] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'ticket' AND action = 'create'`.execute(database.db)
    expect(audit!.n).toBe(total)
    const { rows: [rated] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM tickets WHERE satisfaction IS NOT NULL`.execute(database.db)
    expect(rated!.n).toBeGreaterThanOrEqual(2)
  })

  it('shows one breached and one breaching-soon ticket in the inbox', async () => {
    const services = createServices(database.db, { defaultRegion: 'CN', loginMaxAttempts: 10 })
    const admin = await database.db.selectFrom('users').select(['id', 'teamId']).where('role', '=', 'admin').executeTakeFirstOrThrow()
    const ctx = systemContext({ userId: admin.id, role: 'admin', teamId: admin.teamId })
    const list = (breach: 'soon' | 'breached') => services.tickets.list(ctx, { limit: 50, breach } as Parameters<typeof services.tickets.list>[1])
    expect((await list('breached')).items.map((t) => t.subject)).toEqual(['系统无法登录，全公司停工'])
    expect((await list('soon')).items.map((t) => t.subject)).toEqual(['能否增加两个用户账号？'])
  })
})
