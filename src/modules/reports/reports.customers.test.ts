import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertActivity, insertCustomer, insertUser } from '../../test/factories'

describe('customer reports', () => {
  let t: TestApp
  let admin: AuthHeaders
  const q = (name: string, params: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: `/api/v1/reports/${name}?${new URLSearchParams({ lang: 'zh-CN', ...params })}`, headers: admin })

  beforeAll(async () => {
    t = await createTestApp()
    admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  })
  afterAll(() => t.close())

  it('customer growth counts new customers per month in the caller\'s time zone, with a running total', async () => {
    const at = (iso: string) => t.db.updateTable('customers').set({ createdAt: new Date(iso) })
    const a = await insertCustomer(t.db)
    const b = await insertCustomer(t.db)
    const c = await insertCustomer(t.db)
    const old = await insertCustomer(t.db)
    await at('2026-01-31T17:00:00Z').where('id', '=', a.id).execute() // 1 February in Shanghai
    await at('2026-02-10T00:00:00Z').where('id', '=', b.id).execute()
    await at('2026-03-05T00:00:00Z').where('id', '=', c.id).execute()
    await at('2025-06-01T00:00:00Z').where('id', '=', old.id).execute()
    const body = json(await q('customer-growth', { from: '2026-01-01', to: '2026-03-31', tz: 'Asia/Shanghai' }))
    expect(body.rows).toEqual([
      { month: '2026-01', newCustomers: 0, cumulative: 1 },
      { month: '2026-02', newCustomers: 2, cumulative: 3 },
      { month: '2026-03', newCustomers: 1, cumulative: 4 },
    ])
    const utc = json(await q('customer-growth', { from: '2026-01-01', to: '2026-03-31', tz: 'UTC' }))
    expect(utc.rows[0].newCustomers).toBe(1)
  })

  it('at risk: customers silent for N days, and an activity takes one off the list at once', async () => {
    const silent = await insertCustomer(t.db, { name: '沉默客户', createdAt: new Date(Date.now() - 200 * 86400_000) })
    await insertActivity(t.db, { customerId: silent.id, createdAt: new Date(Date.now() - 120 * 86400_000) })
    const listed = json(await q('at-risk', { days: '90' }))
    const row = listed.rows.find((r: { customer: string }) => r.customer === '沉默客户')
    expect(row.daysSilent).toBe(120)
    await insertActivity(t.db, { customerId: silent.id })
    const after = json(await q('at-risk', { days: '90' }))
    expect(after.rows.find((r: { customer: string }) => r.customer === '沉默客户')).toBeUndefined()
    expect(after.notes[0]).not.toBe(listed.notes[0]) // one customer fewer in the count
  })

  it('a customer removed for good takes its last touch with it', async () => {
    const gone = await insertCustomer(t.db, { name: '将被清除' })
    const touch = () => sql<{ n: number }>`SELECT count(*)::int AS n FROM customer_touches WHERE customer_id = ${gone.id}`.execute(t.db)
    expect((await touch()).rows[0]!.n).toBe(1)
    await t.db.deleteFrom('customers').where('id', '=', gone.id).execute()
    expect((await touch()).rows[0]!.n).toBe(0)
  })

  it('refuses an unknown time zone and a reversed range', async () => {
    expect((await q('customer-growth', { tz: 'Mars/Olympus' })).statusCode).toBe(400)
    expect((await q('customer-growth', { from: '2026-05-01', to: '2026-01-01' })).statusCode).toBe(400)
  })
})
