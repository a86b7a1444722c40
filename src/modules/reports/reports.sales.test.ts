import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Big from 'big.js'
import ExcelJS from 'exceljs'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertLead, insertOpportunity, insertTeam, insertUser } from '../../test/factories'
import { newId } from '../../lib/ids'
import { REPORT_NAMES } from './reports.schema'

// Each report is recomputed here from the rows the test inserted, in plain JS with exact decimals,
// and compared with what the server answers.
const TZ = 'Asia/Shanghai'
const STAGES = [
  { key: 'qualification', kind: 'open', p: 10 }, { key: 'needs_analysis', kind: 'open', p: 30 }, { key: 'proposal', kind: 'open', p: 60 },
  { key: 'negotiation', kind: 'open', p: 80 }, { key: 'won', kind: 'won', p: 100 }, { key: 'lost', kind: 'lost', p: 0 },
] as const
const monthIn = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit' }).format(d).slice(0, 7)
const sum = (xs: string[]) => xs.reduce((a, x) => a.plus(x), new Big(0)).toFixed(2)

let seed = 42
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]

interface Deal { id: string; ownerId: string; stage: string; kind: string; amount: string; currency: string; probability: number; createdAt: Date; closedAt: Date | null; expected: string; lostReason: string | null }

describe('sales reports are correct to the cent', () => {
  let t: TestApp
  let admin: AuthHeaders
  let rep: AuthHeaders
  let repId: string
  let support: AuthHeaders
  const deals: Deal[] = []
  const q = (h: AuthHeaders, name: string, params: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/v1/reports/${name}?${new URLSearchParams({ from: '2026-01-01', to: '2026-12-31', tz: TZ, lang: 'en', ...params })}`, headers: h })

  beforeAll(async () => {
    t = await createTestApp()
    const teamA = await insertTeam(t.db)
    const teamB = await insertTeam(t.db)
    admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    const reps = [await insertUser(t.db, { role: 'sales', teamId: teamA.id }), await insertUser(t.db, { role: 'sales', teamId: teamA.id }), await insertUser(t.db, { role: 'sales', teamId: teamB.id })]
    repId = reps[0].id
    rep = await sessionFor(t, repId)
    support = await sessionFor(t, (await insertUser(t.db, { role: 'support' })).id)
    const customer = await insertCustomer(t.db)
    for (let i = 0; i < 160; i++) {
      const stage = pick(STAGES)
      const owner = pick(reps)
      const createdAt = new Date(Date.UTC(2026, Math.floor(rand() * 12), 1 + Math.floor(rand() * 28), Math.floor(rand() * 24)))
      const closedAt = stage.kind === 'open' ? null : new Date(Math.min(createdAt.getTime() + rand() * 90 * 86400_000, Date.UTC(2026, 11, 31, 10)))
      const amount = `${Math.floor(rand() * 1_000_000)}.${String(Math.floor(rand() * 100)).padStart(2, '0')}`
      // Other currencies are converted, or listed per currency, and reports.currencies.test.ts checks that against
      // a spreadsheet; here every deal is in CNY (the draw is kept, so the rest of the random data stays as it was).
      const currency = (rand(), 'CNY')
      const expected = `2026-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-15`
      const lostReason = stage.kind === 'lost' ? pick(['价格太高', 'Chose a competitor', null]) : null
      const row = await insertOpportunity(t.db, customer.id, { ownerId: owner.id, stage: stage.key, amount, currency, probability: stage.p, createdAt, closedAt, expectedCloseDate: expected, lostReason })
      deals.push({ id: row.id, ownerId: owner.id, stage: stage.key, kind: stage.kind, amount, currency, probability: stage.p, createdAt, closedAt, expected, lostReason })
    }
  })
  afterAll(() => t.close())

  it('funnel: count and CNY amount per stage, reached = now at this stage or later', async () => {
    const res = await q(admin, 'sales-funnel')
    expect(res.statusCode).toBe(200)
    const body = json(res)
    const byStage = (key: string) => deals.filter((d) => d.stage === key)
    const flow = STAGES.filter((s) => s.kind !== 'lost')
    for (const [i, s] of flow.entries()) {
      const row = body.rows[i]
      expect(row.count).toBe(byStage(s.key).length)
      expect(row.amount).toBe(sum(byStage(s.key).filter((d) => d.currency === 'CNY').map((d) => d.amount)))
      expect(row.reached).toBe(flow.slice(i).reduce((n, x) => n + byStage(x.key).length, 0))
    }
    expect(body.totals.count).toBe(deals.length)
  })

  it('pipeline by stage and by month: open deals expected to close in the range, weighted exactly', async () => {
    const open = deals.filter((d) => d.kind === 'open' && d.currency === 'CNY')
    const byStage = json(await q(admin, 'pipeline'))
    expect(byStage.totals.amount).toBe(sum(open.map((d) => d.amount)))
    const weighted = open.reduce((a, d) => a.plus(new Big(d.amount).times(d.probability).div(100)), new Big(0))
    // Rounded once per group, then summed: within a cent per group of the exact figure.
    expect(Math.abs(Number(new Big(byStage.totals.weighted).minus(weighted)))).toBeLessThanOrEqual(0.005 * byStage.rows.length)
    const byMonth = json(await q(admin, 'pipeline', { groupBy: 'month' }))
    expect(byMonth.rows).toHaveLength(12)
    for (const row of byMonth.rows) {
      const inMonth = deals.filter((d) => d.kind === 'open' && d.expected.startsWith(row.group))
      expect(row.count).toBe(inMonth.length)
      expect(row.amount).toBe(sum(inMonth.filter((d) => d.currency === 'CNY').map((d) => d.amount)))
    }
  })

  it('win rate by owner and revenue by month count what closed in the range', async () => {
    const body = json(await q(admin, 'win-rate', { groupBy: 'owner' }))
    const won = deals.filter((d) => d.kind === 'won')
    const lost = deals.filter((d) => d.kind === 'lost')
    expect(body.totals.won).toBe(won.length)
    expect(body.totals.lost).toBe(lost.length)
    expect(body.totals.wonAmount).toBe(sum(won.filter((d) => d.currency === 'CNY').map((d) => d.amount)))
    const revenue = json(await q(admin, 'revenue'))
    for (const row of revenue.rows) {
      expect(row.amount).toBe(sum(won.filter((d) => d.currency === 'CNY' && monthIn(d.closedAt!) === row.group).map((d) => d.amount)))
    }
    expect(revenue.totals.amount).toBe(sum(won.filter((d) => d.currency === 'CNY').map((d) => d.amount)))
  })

  it('revenue by product sums the lines of won deals; deals without lines count whole under (none)', async () => {
    const wonCny = deals.filter((d) => d.kind === 'won' && d.currency === 'CNY')
    const [first, second] = wonCny
    await t.db.insertInto('opportunityLines').values([
      { id: newId(), opportunityId: first.id, position: 1, productId: null, description: '服务器', quantity: '1', unitPrice: '100.10', discountPercent: '0', amount: '100.10' },
      { id: newId(), opportunityId: first.id, position: 2, productId: null, description: 'Support', quantity: '1', unitPrice: '0.25', discountPercent: '0', amount: '0.25' },
      { id: newId(), opportunityId: second.id, position: 1, productId: null, description: '服务器', quantity: '2', unitPrice: '5.00', discountPercent: '0', amount: '10.00' },
    ]).execute()
    const body = json(await q(admin, 'revenue', { groupBy: 'product' }))
    const row = (g: string) => body.rows.find((r: { group: string }) => r.group === g)
    expect(row('服务器').amount).toBe('110.10')
    expect(row('服务器').count).toBe(2)
    expect(row('Support').amount).toBe('0.25')
    expect(row('(none)').amount).toBe(sum(wonCny.filter((d) => d !== first && d !== second).map((d) => d.amount)))
  })

  it('sales cycle and lost reasons', async () => {
    const won = deals.filter((d) => d.kind === 'won')
    const cycle = json(await q(admin, 'sales-cycle'))
    const days = won.map((d) => (d.closedAt!.getTime() - d.createdAt.getTime()) / 86400_000)
    expect(cycle.totals.won).toBe(won.length)
    expect(cycle.totals.avgDays).toBeCloseTo(days.reduce((a, b) => a + b, 0) / days.length, 0)
    const reasons = json(await q(admin, 'lost-reasons'))
    // Grouped by the reason from the list ("价格太高" was mapped to Price), labelled in the caller's language.
    const price = deals.filter((d) => d.kind === 'lost' && d.lostReason === '价格太高')
    expect(reasons.rows.find((r: { reason: string }) => r.reason === 'Price' || r.reason === '价格')?.count ?? 0).toBe(price.length)
  })

  it('forecast compares won with the target of the month', async () => {
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/sales-targets', headers: admin, payload: { month: '2026-03', amount: '1000000.00', currency: 'CNY' } })
    expect(put.statusCode).toBe(200)
    const body = json(await q(admin, 'forecast'))
    const march = body.rows.find((r: { month: string }) => r.month === '2026-03')
    const wonMarch = sum(deals.filter((d) => d.kind === 'won' && d.currency === 'CNY' && monthIn(d.closedAt!) === '2026-03').map((d) => d.amount))
    expect(march.wonAmount).toBe(wonMarch)
    expect(march.target).toBe('1000000.00')
    expect(march.attainment).toBe(Number(new Big(wonMarch).div('1000000').times(100).toFixed(1)))
    const stale = await t.app.inject({ method: 'PUT', url: '/api/v1/sales-targets', headers: admin, payload: { month: '2026-03', amount: '5.00', currency: 'CNY', version: 7 } })
    expect(stale.statusCode).toBe(409)
  })

  it('a rep sees his own deals only; support may not run sales reports', async () => {
    const body = json(await q(rep, 'sales-funnel'))
    expect(body.totals.count).toBe(deals.filter((d) => d.ownerId === repId).length)
    expect((await q(support, 'sales-funnel')).statusCode).toBe(403)
    expect((await q(rep, 'pipeline', { groupBy: 'product' })).statusCode).toBe(400)
  })

  it('a deal won a second ago is in the report', async () => {
    // Today in the report's time zone: after 16:00 UTC it is already tomorrow in Shanghai.
    const today = new Date().toLocaleDateString('en-CA', { timeZone: TZ })
    const before = json(await q(admin, 'win-rate', { to: today, from: '2026-01-01' })).totals.won
    const customer = await insertCustomer(t.db)
    await insertOpportunity(t.db, customer.id, { stage: 'won', amount: '1.00', closedAt: new Date(), probability: 100 })
    const after = json(await q(admin, 'win-rate', { to: today, from: '2026-01-01' })).totals.won
    expect(after).toBe(before + 1)
  })

  it('lead conversion by source', async () => {
    await insertLead(t.db, { source: '展会', status: 'converted', createdAt: new Date(Date.UTC(2026, 4, 1)) })
    await insertLead(t.db, { source: '展会', createdAt: new Date(Date.UTC(2026, 4, 2)) })
    const body = json(await q(admin, 'lead-conversion'))
    const row = body.rows.find((r: { group: string }) => r.group === '展会')
    expect(row).toMatchObject({ leads: 2, converted: 1, conversionRate: 50 })
  })

  it('every report answers with rows that carry each of its columns', async () => {
    for (const name of REPORT_NAMES) {
      const res = await q(admin, name)
      expect(res.statusCode, name).toBe(200)
      const body = json(res)
      for (const row of body.rows) for (const c of body.columns) expect(row, `${name}.${c.key}`).toHaveProperty(c.key)
      for (const key of Object.keys(body.totals)) expect(body.columns.map((c: { key: string }) => c.key), `${name} totals.${key}`).toContain(key)
    }
  })

  it('downloads as CSV with a BOM and as a real XLSX, labels in Chinese', async () => {
    const csv = await q(admin, 'sales-funnel', { format: 'csv', lang: 'zh-CN' })
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(csv.rawPayload.toString('utf8')).toContain('阶段')
    const xlsx = await q(admin, 'revenue', { format: 'xlsx', lang: 'zh-CN' })
    expect(xlsx.headers['content-disposition']).toContain('revenue_2026-01-01_2026-12-31.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    expect(sheet.getRow(1).getCell(3).value).toBe('收入 (CNY)')
    expect(sheet.rowCount).toBe(12 + 2)
  })

  it('months are the caller’s: a deal won a millisecond before a local month start is in the month before (St John’s, −3:30 and −2:30)', async () => {
    const customer = await insertCustomer(t.db)
    // A rep of his own: other reps' CNY deals would be in these EUR figures too, per currency (there is no EUR→CNY rate here).
    const eurRep = (await insertUser(t.db, { role: 'sales' })).id
    // Local midnight of 1 March (NST, UTC−3:30) and of 1 November (NDT, UTC−2:30).
    const starts = [Date.UTC(2026, 2, 1, 3, 30), Date.UTC(2026, 10, 1, 2, 30)]
    const won = [[starts[0] - 1, '1.00'], [starts[0], '2.00'], [starts[1] - 1, '4.00'], [starts[1], '8.00']] as const
    for (const [at, amount] of won) {
      await insertOpportunity(t.db, customer.id, { ownerId: eurRep, stage: 'won', amount, currency: 'EUR', probability: 100, createdAt: new Date(at - 86400_000), closedAt: new Date(at) })
    }
    const params = { currency: 'EUR', tz: 'America/St_Johns', ownerId: eurRep }
    const expected = { '2026-02': '1.00', '2026-03': '2.00', '2026-10': '4.00', '2026-11': '8.00' } as Record<string, string>
    const revenue = json(await q(admin, 'revenue', params))
    const forecast = json(await q(admin, 'forecast', params))
    for (const month of Object.keys(expected)) {
      expect(revenue.rows.find((r: { group: string }) => r.group === month).amount).toBe(expected[month])
      expect(forecast.rows.find((r: { month: string }) => r.month === month).wonAmount).toBe(expected[month])
    }
    expect(revenue.totals.amount).toBe('15.00')
  })
})
