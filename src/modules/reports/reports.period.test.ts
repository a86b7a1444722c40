import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertOpportunity, insertUser } from '../../test/factories'
import { newId } from '../../lib/ids'

// A migrated CRM holds more than five years of deals: "all time" reads from the first record to
// the last; a period chosen by its dates stays within five years, refused with a clear 400.
describe('report periods', () => {
  let t: TestApp
  let admin: AuthHeaders
  const get = (name: string, params: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: `/api/v1/reports/${name}?${new URLSearchParams({ tz: 'Asia/Shanghai', lang: 'en', ...params })}`, headers: admin })

  beforeAll(async () => {
    t = await createTestApp()
    admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    const customer = await insertCustomer(t.db)
    // 2015-03-31 23:00 UTC is 1 April in Shanghai: all time starts on the caller's day.
    await insertOpportunity(t.db, customer.id, { stage: 'won', amount: '1000.00', closedAt: new Date('2015-03-31T23:00:00Z'), createdAt: new Date('2015-01-10T00:00:00Z') })
    await insertOpportunity(t.db, customer.id, { stage: 'won', amount: '250.50', closedAt: new Date('2026-02-01T00:00:00Z'), createdAt: new Date('2026-01-10T00:00:00Z') })
    await sql`INSERT INTO tickets (id, number, type, subject, channel, priority, status, created_at)
      VALUES (${newId()}, 'T-1', 'inquiry', 'x', 'email', 'normal', 'open', '2015-05-01T00:00:00Z')`.execute(t.db)
  })
  afterAll(() => t.close())

  it('range=all spans the data: revenue from its first won deal to today, every month listed, nothing left out', async () => {
    const res = await get('revenue', { range: 'all' })
    expect(res.statusCode).toBe(200)
    const body = json(res)
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
    expect([body.from, body.to]).toEqual(['2015-04-01', today])
    expect(body.rows[0]).toEqual({ group: '2015-04', count: 1, amount: '1000.00' })
    expect(body.rows.at(-1).group).toBe(today.slice(0, 7))
    expect(body.totals).toEqual({ amount: '1250.50' })
  })

  it('refuses more than five years chosen by dates with a problem+json 400 that says the limit', async () => {
    const res = await get('revenue', { from: '2015-01-01', to: '2026-12-31' })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(json(res)).toMatchObject({ status: 400, errors: [{ path: 'to', message: 'A period of at most 5 years, or range=all for all time' }] })
    expect((await get('revenue', { from: '2021-01-01', to: '2025-12-31' })).statusCode).toBe(200)
  })

  it('refuses range=all together with dates, and where its cost grows with the months (tickets by month)', async () => {
    expect(json(await get('revenue', { range: 'all', from: '2020-01-01' })).errors).toEqual([{ path: 'range', message: 'Either range=all or from/to, not both' }])
    const byMonth = await get('tickets', { range: 'all', groupBy: 'month' })
    expect(byMonth.statusCode).toBe(400)
    expect(json(byMonth).errors[0].message).toContain('at most 5 years')
    const byType = json(await get('tickets', { range: 'all' }))
    expect(byType.from).toBe('2015-05-01')
    expect(byType.totals.count).toBe(1)
  })
})
