import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import Big from 'big.js'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertLead, insertOpportunity, insertUser } from '../../test/factories'
import { newId } from '../../lib/ids'

// Service, RFM and campaign reports, recomputed from the rows inserted here.
describe('service, RFM and campaign reports', () => {
  let t: TestApp
  let admin: AuthHeaders
  let support: AuthHeaders
  let sales: AuthHeaders
  const q = (h: AuthHeaders, name: string, params: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/v1/reports/${name}?${new URLSearchParams({ from: '2026-01-01', to: '2026-12-31', tz: 'UTC', lang: 'en', ...params })}`, headers: h })
  const at = (iso: string) => new Date(iso)

  async function ticket(v: { type: string; channel: string; priority: string; created: string; firstResponded?: string; firstDue?: string; resolved?: string; resolutionDue?: string; satisfaction?: number }) {
    await sql`INSERT INTO tickets (id, number, type, subject, channel, priority, status, first_response_due_at, resolution_due_at, first_responded_at, resolved_at, satisfaction, created_at)
      VALUES (${newId()}, ${`T-${newId().slice(-8)}`}, ${v.type}, 'x', ${v.channel}, ${v.priority}, ${v.resolved ? 'resolved' : 'open'},
              ${v.firstDue ? at(v.firstDue) : null}, ${v.resolutionDue ? at(v.resolutionDue) : null},
              ${v.firstResponded ? at(v.firstResponded) : null}, ${v.resolved ? at(v.resolved) : null}, ${v.satisfaction ?? null}, ${at(v.created)})`.execute(t.db)
  }

  beforeAll(async () => {
    t = await createTestApp()
    admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    support = await sessionFor(t, (await insertUser(t.db, { role: 'support' })).id)
    sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
    await ticket({ type: 'complaint', channel: 'phone', priority: 'urgent', created: '2026-03-01T00:00:00Z', firstDue: '2026-03-01T01:00:00Z', firstResponded: '2026-03-01T00:30:00Z', resolutionDue: '2026-03-02T00:00:00Z', resolved: '2026-03-03T00:00:00Z', satisfaction: 2 })
    await ticket({ type: 'complaint', channel: 'web', priority: 'urgent', created: '2026-03-05T00:00:00Z', firstDue: '2026-03-05T01:00:00Z', firstResponded: '2026-03-05T03:00:00Z', resolutionDue: '2026-03-06T00:00:00Z', resolved: '2026-03-05T12:00:00Z', satisfaction: 5 })
    await ticket({ type: 'inquiry', channel: 'email', priority: 'normal', created: '2026-04-01T00:00:00Z', firstDue: '2026-04-01T08:00:00Z', firstResponded: '2026-04-01T02:00:00Z', resolutionDue: '2026-04-03T00:00:00Z', resolved: '2026-04-01T10:00:00Z', satisfaction: 4 })
    await ticket({ type: 'inquiry', channel: 'email', priority: 'normal', created: '2026-04-02T00:00:00Z', firstDue: '2026-04-02T08:00:00Z' })
  })
  afterAll(() => t.close())

  it('ticket volume and handling times by type', async () => {
    const body = json(await q(support, 'tickets'))
    const complaint = body.rows.find((r: { group: string }) => r.group === 'Complaint')
    expect(complaint).toMatchObject({ count: 2, resolvedCount: 2, frMedian: 1.8, resMedian: 30 })
    expect(body.totals).toMatchObject({ count: 4, open: 1, resolvedCount: 3 })
    // A manager's reports default to his team only over records sales owns, not support's tickets.
    const team = await t.db.insertInto('teams').values({ id: newId(), name: '华东销售' }).returning('id').executeTakeFirstOrThrow()
    const manager = await sessionFor(t, (await insertUser(t.db, { role: 'manager', teamId: team.id })).id)
    expect(json(await q(manager, 'tickets')).totals.count).toBe(4)
  })

  it('SLA compliance by priority, an overdue open ticket counting as breached', async () => {
    const body = json(await q(support, 'sla'))
    const urgent = body.rows.find((r: { priority: string }) => r.priority === 'Urgent')
    expect(urgent).toMatchObject({ count: 2, frCompliance: 50, frBreached: 1, resCompliance: 50, resBreached: 1 })
    const normal = body.rows.find((r: { priority: string }) => r.priority === 'Normal')
    expect(normal).toMatchObject({ count: 2, frCompliance: 50, frBreached: 1 })
  })

  it('CSAT by month of resolution', async () => {
    const body = json(await q(support, 'csat'))
    const march = body.rows.find((r: { month: string }) => r.month === '2026-03')
    expect(march).toMatchObject({ rated: 2, average: 3.5, csat: 50, s2: 1, s5: 1 })
    expect(body.totals).toMatchObject({ rated: 3, average: 3.67, csat: 66.7 })
    expect((await q(sales, 'csat')).statusCode).toBe(403)
  })

  it('RFM: a frequent recent big buyer is a champion, a lapsed one hibernates', async () => {
    const customers = []
    for (let i = 0; i < 10; i++) customers.push(await insertCustomer(t.db, { name: `RFM ${i}` }))
    for (const [i, c] of customers.entries()) {
      for (let k = 0; k <= i; k++) {
        const month = String(1 + Math.min(11, i + k)).padStart(2, '0')
        await sql`INSERT INTO orders (id, number, customer_id, currency, total, status, ordered_at)
          VALUES (${newId()}, ${`SO-${newId().slice(-10)}`}, ${c.id}, 'CNY', ${`${(i + 1) * 100}.10`}, 'delivered', ${at(`2026-${month}-10T00:00:00Z`)})`.execute(t.db)
      }
    }
    const body = json(await q(admin, 'rfm', { groupBy: 'customer' }))
    const row = (name: string) => body.rows.find((r: { customer: string }) => r.customer === name)
    expect(row('RFM 9')).toMatchObject({ segmentKey: 'champions', frequency: 10, monetary: '10001.00' })
    expect(row('RFM 0')).toMatchObject({ segmentKey: 'hibernating', frequency: 1, monetary: '100.10' })
    const segments = json(await q(admin, 'rfm'))
    expect(segments.totals.customers).toBe(10)
    expect(segments.totals.monetary).toBe(customers.reduce((s, _c, i) => s.plus(new Big(`${(i + 1) * 100}.10`).times(i + 1)), new Big(0)).toFixed(2))
    const one = json(await q(admin, 'rfm', { groupBy: 'customer', customerId: customers[9].id }))
    expect(one.rows).toHaveLength(1)

    // Every customer's scores recomputed here: 1 + the quintile cut points (percentile_disc: the
    // value at rank ceil(p·N)) the measure exceeds; recency ties (six last orders in December) score alike.
    const measures = customers.map((_c, i) => ({ last: Math.min(11, 2 * i) + 1, f: i + 1, m: (i + 1) * (i + 1) * 100.1 }))
    const cuts = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b)
      return [0.2, 0.4, 0.6, 0.8].map((p) => sorted[Math.ceil(p * sorted.length) - 1]!)
    }
    const score = (v: number, c: number[]) => 1 + c.filter((x) => v > x).length
    const [rc, fc, mc] = [cuts(measures.map((x) => x.last)), cuts(measures.map((x) => x.f)), cuts(measures.map((x) => x.m))]
    for (const [i, x] of measures.entries()) {
      expect(row(`RFM ${i}`).score, `RFM ${i}`).toBe(`${score(x.last, rc)}-${score(x.f, fc)}-${score(x.m, mc)}`)
    }
    // A deleted customer's orders are not counted.
    await t.db.updateTable('customers').set({ deletedAt: new Date() }).where('id', '=', customers[0].id).execute()
    expect(json(await q(admin, 'rfm')).totals.customers).toBe(9)
    await t.db.updateTable('customers').set({ deletedAt: null }).where('id', '=', customers[0].id).execute()
  })

  it('campaign comparison: funnel from recipients, leads and won revenue sourced, cost per lead and ROI', async () => {
    const campaignId = newId()
    await sql`INSERT INTO campaigns (id, name, type, start_date, actual_cost, currency) VALUES (${campaignId}, '双十一邮件', 'email', '2026-11-01', '1000.00', 'CNY')`.execute(t.db)
    const states = ['sent', 'sent', 'sent', 'bounced', 'skipped']
    for (const [i, state] of states.entries()) {
      await sql`INSERT INTO campaign_recipients (campaign_id, email, member_kind, member_id, state, opened_at, clicked_at)
        VALUES (${campaignId}, ${`r${i}@example.cn`}, 'contact', ${newId()}, ${state}, ${i < 2 ? at('2026-11-02T00:00:00Z') : null}, ${i < 1 ? at('2026-11-02T00:00:00Z') : null})`.execute(t.db)
    }
    await insertLead(t.db, { campaignId })
    await insertLead(t.db, { campaignId })
    const customer = await insertCustomer(t.db)
    const deal = await insertOpportunity(t.db, customer.id, { stage: 'won', amount: '3000.00', closedAt: new Date() })
    await t.db.updateTable('opportunities').set({ campaignId }).where('id', '=', deal.id).execute()
    const body = json(await q(admin, 'campaigns'))
    expect(body.rows[0]).toMatchObject({ campaign: '双十一邮件', sent: 4, delivered: 3, openRate: 66.7, clickRate: 33.3, bounced: 1, leads: 2, opportunities: 1, wonAmount: '3000.00', cost: '1000.00', costPerLead: '500.00', roi: 200 })
  })
  // Last: its 120 tickets would change the figures the tests above expect.
  it('ticket volume by every grouping equals an independent recount with percentiles over the raw rows', async () => {
    const types = ['inquiry', 'complaint', 'after_sales']
    const channels = ['phone', 'email', 'web', 'chat', 'in_person']
    const priorities = ['low', 'normal', 'high', 'urgent']
    for (let i = 0; i < 120; i++) {
      const created = Date.UTC(2026, i % 12, 1 + (i % 27), (i * 7) % 24)
      const iso = (ms: number) => new Date(ms).toISOString()
      await ticket({
        type: types[i % 3]!, channel: channels[i % 5]!, priority: priorities[(i * 3) % 4]!, created: iso(created),
        ...(i % 4 ? { firstResponded: iso(created + ((i * 37) % 50) * 360_000) } : {}),
        ...(i % 3 ? { resolved: iso(created + ((i * 53) % 90) * 3_600_000) } : {}),
      })
    }
    for (const groupBy of ['type', 'channel', 'priority', 'month']) {
      const body = json(await q(support, 'tickets', { groupBy, tz: 'Asia/Shanghai', lang: 'zh-CN' }))
      const key = groupBy === 'month' ? sql`to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')` : sql.ref(groupBy)
      const { rows } = await sql<{ n: number; fr50: number | null; fr90: number | null; res50: number | null; res90: number | null }>`
        SELECT count(*)::int AS n,
               round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_responded_at - created_at) / 3600))::numeric, 1)::float8 AS fr50,
               round((percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_responded_at - created_at) / 3600))::numeric, 1)::float8 AS fr90,
               round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at) / 3600))::numeric, 1)::float8 AS res50,
               round((percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at) / 3600))::numeric, 1)::float8 AS res90
          FROM tickets
         WHERE deleted_at IS NULL AND created_at >= '2026-01-01'::timestamp AT TIME ZONE 'Asia/Shanghai' AND created_at < '2027-01-01'::timestamp AT TIME ZONE 'Asia/Shanghai'
         GROUP BY ${key} ORDER BY ${key}`.execute(t.db)
      const got = body.rows.map((r: Record<string, unknown>) => ({ n: r.count, fr50: r.frMedian, fr90: r.frP90, res50: r.resMedian, res90: r.resP90 }))
      const byCount = (a: { n: number }[]) => [...a].sort((x, y) => y.n - x.n || JSON.stringify(x).localeCompare(JSON.stringify(y)))
      expect(byCount(got), groupBy).toEqual(byCount(rows))
      expect(body.totals.count).toBe(rows.reduce((s, r) => s + r.n, 0))
    }
  })
})
