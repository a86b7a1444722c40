import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import ExcelJS from 'exceljs'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertActivity, insertCampaign, insertCustomer, insertLead, insertOpportunity, insertTeam, insertUser } from '../../test/factories'
import { newId } from '../../lib/ids'
import { allowsAllTime, REPORT_CATALOG } from './reports.catalog'
import { REPORT_NAMES } from './reports.schema'

// Every report × every groupBy it accepts (and none) × every format, driven by the catalog so a new
// report or grouping is covered without touching this file: sales-cycle by month answered 500 for
// every range, and nothing ran that combination.
const FORMATS = ['json', 'csv', 'xlsx'] as const
const groupings = REPORT_NAMES.flatMap((name) => [undefined, ...(REPORT_CATALOG[name].groupBys as readonly string[])].map((groupBy) => ({ name, groupBy })))
const combinations = groupings.flatMap((g) => FORMATS.map((format) => ({ ...g, format })))

describe('every report, grouping and format answers on seeded data', () => {
  let t: TestApp
  let admin: AuthHeaders

  beforeAll(async () => {
    t = await createTestApp()
    admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    const team = await insertTeam(t.db)
    const rep = await insertUser(t.db, { role: 'sales', teamId: team.id })
    const campaign = await insertCampaign(t.db)
    await sql`UPDATE campaigns SET start_date = '2026-03-01', actual_cost = 500 WHERE id = ${campaign.id}`.execute(t.db)
    const customer = await insertCustomer(t.db, { ownerId: rep.id, teamId: team.id, createdAt: new Date('2026-01-05T00:00:00Z') })
    await insertCustomer(t.db, { createdAt: new Date('2025-06-01T00:00:00Z') })
    const product = newId()
    await sql`INSERT INTO products (id, sku, name, unit_price, currency, tax_rate) VALUES (${product}, 'SKU-1', '软件', 100, 'CNY', 13)`.execute(t.db)
    const deals = [
      { stage: 'won', amount: '1153214.00', closedAt: new Date('2026-03-10T08:00:00Z') },
      { stage: 'won', amount: '99.00', closedAt: new Date('2026-05-10T08:00:00Z') },
      { stage: 'lost', amount: '478396.00', closedAt: new Date('2026-04-10T08:00:00Z'), lostReason: '价格太高' },
      { stage: 'proposal', amount: '2000.00', closedAt: null },
    ]
    for (const [i, d] of deals.entries()) {
      const lead = await insertLead(t.db, { ownerId: rep.id, source: i % 2 ? 'web' : 'referral', campaignId: campaign.id, status: 'converted', createdAt: new Date('2026-02-01T00:00:00Z') })
      const deal = await insertOpportunity(t.db, customer.id, {
        ownerId: rep.id, stage: d.stage, amount: d.amount, probability: 60, closedAt: d.closedAt, lostReason: d.lostReason ?? null,
        expectedCloseDate: '2026-06-15', createdAt: new Date('2026-02-01T00:00:00Z'),
      })
      await sql`UPDATE opportunities SET lead_id = ${lead.id}, campaign_id = ${campaign.id} WHERE id = ${deal.id}`.execute(t.db)
      await sql`UPDATE leads SET converted_opportunity_id = ${deal.id} WHERE id = ${lead.id}`.execute(t.db)
      if (i === 0) {
        await sql`INSERT INTO opportunity_lines (id, opportunity_id, position, product_id, description, quantity, unit_price, amount)
          VALUES (${newId()}, ${deal.id}, 1, ${product}, '软件', 1, ${d.amount}, ${d.amount})`.execute(t.db)
      }
    }
    await sql`INSERT INTO orders (id, number, customer_id, currency, total, status, ordered_at)
      VALUES (${newId()}, 'SO-1', ${customer.id}, 'CNY', 1200, 'delivered', '2026-04-01T00:00:00Z')`.execute(t.db)
    await sql`INSERT INTO tickets (id, number, type, subject, channel, priority, status, customer_id, first_response_due_at, first_responded_at, resolution_due_at, resolved_at, satisfaction, created_at)
      VALUES (${newId()}, 'T-1', 'complaint', '坏了', 'phone', 'high', 'resolved', ${customer.id}, '2026-03-01T02:00:00Z', '2026-03-01T01:00:00Z',
              '2026-03-02T00:00:00Z', '2026-03-01T12:00:00Z', 4, '2026-03-01T00:00:00Z')`.execute(t.db)
    await sql`INSERT INTO campaign_recipients (campaign_id, email, member_kind, member_id, state, sent_at, opened_at)
      VALUES (${campaign.id}, 'a@example.com', 'customer', ${customer.id}, 'sent', '2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z')`.execute(t.db)
    await insertActivity(t.db, { customerId: customer.id, ownerId: rep.id, type: 'call', createdAt: new Date('2026-03-05T00:00:00Z') })
  })
  afterAll(() => t.close())

  it.each(combinations)('$name groupBy=$groupBy as $format', async ({ name, groupBy, format }) => {
    const params = new URLSearchParams({ from: '2026-01-01', to: '2026-12-31', tz: 'Asia/Shanghai', lang: 'zh-CN', format, ...(groupBy ? { groupBy } : {}) })
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${name}?${params}`, headers: admin })
    expect(res.statusCode, res.body).toBe(200)
    if (format === 'json') {
      // The seed reaches every report, so each combination ran its queries over real rows.
      expect(json(res).rows.length).toBeGreaterThan(0)
    } else if (format === 'csv') {
      expect(res.headers['content-type']).toContain('text/csv')
      expect(res.body.length).toBeGreaterThan(1)
    } else {
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
      expect(book.worksheets[0]!.rowCount).toBeGreaterThan(0)
    }
  })

  it.each(groupings)('$name groupBy=$groupBy over all time: answered, or refused as the catalog says', async ({ name, groupBy }) => {
    const params = new URLSearchParams({ range: 'all', tz: 'Asia/Shanghai', lang: 'zh-CN', ...(groupBy ? { groupBy } : {}) })
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${name}?${params}`, headers: admin })
    if (allowsAllTime(name, groupBy)) {
      expect(res.statusCode, res.body).toBe(200)
      expect(json(res).rows.length).toBeGreaterThan(0)
    } else {
      expect(res.statusCode).toBe(400)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(json(res).errors).toEqual([{ path: 'range', message: expect.stringContaining('at most 5 years') }])
    }
  })
})
