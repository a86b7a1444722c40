import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Big from 'big.js'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertOpportunity, insertUser } from '../../test/factories'

// Money in several currencies: every report converts into the company currency (CNY) with the rate
// in force on the deal's day, or, where a rate is missing, shows per-currency amounts; never a
// count with a sum of only some of the records. The expected figures are computed here like a
// spreadsheet would: one "converted" column (each deal rounded to the fen), then sums.
const TZ = 'Asia/Shanghai'
type Part = { currency: string; amount: string }
type Money = string | Part[]

/** A Shanghai wall-clock time as an instant. */
const shanghai = (local: string) => new Date(`${local}+08:00`)
const dayIn = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(d)

let seed = 7
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!

interface Deal { amount: string; currency: string; kind: 'open' | 'won' | 'lost'; closedAt: Date | null; createdAt: Date; reason: string | null; probability: number }

describe('reports in one currency from deals in several', () => {
  let t: TestApp
  let admin: AuthHeaders
  let customerId: string
  const rates: { currency: string; date: string; rate: string; id?: string; version?: number }[] = []

  const report = async (name: string, params: Record<string, string> = {}, h = admin) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${name}?${new URLSearchParams({ tz: TZ, lang: 'en', ...params })}`, headers: h })
    expect(res.statusCode, res.body).toBe(200)
    return json(res)
  }
  const addRate = async (currency: string, effectiveDate: string, rate: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/settings/exchange-rates', headers: admin, payload: { currency, effectiveDate, rate } })
    expect(res.statusCode, res.body).toBe(201)
    rates.push({ currency, date: effectiveDate, rate, id: json(res).id, version: json(res).version })
  }
  const clearRates = async () => {
    for (const r of rates.splice(0)) expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/settings/exchange-rates/${r.id}`, headers: admin })).statusCode).toBe(204)
  }
  /** The spreadsheet: the latest rate on or before the day, the amount times it rounded to the fen. */
  const rateOn = (currency: string, day: string) => rates.filter((r) => r.currency === currency && r.date <= day).sort((a, b) => b.date.localeCompare(a.date))[0]?.rate ?? null
  const sheet = (deals: Deal[], dayOf: (d: Deal) => string, amountOf: (d: Deal) => string = (d) => d.amount): Money => {
    let total = new Big(0)
    const parts = new Map<string, Big>()
    let missing = false
    for (const d of deals) {
      const a = amountOf(d)
      parts.set(d.currency, (parts.get(d.currency) ?? new Big(0)).plus(a))
      if (d.currency === 'CNY') total = total.plus(a)
      else {
        const r = rateOn(d.currency, dayOf(d))
        if (r === null) missing = true
        else total = total.plus(new Big(a).times(r).round(2, Big.roundHalfUp))
      }
    }
    if (!missing) return total.toFixed(2)
    return [...parts].filter(([, v]) => !v.eq(0)).sort(([a], [b]) => (a === 'CNY' ? -1 : b === 'CNY' ? 1 : a.localeCompare(b))).map(([currency, v]) => ({ currency, amount: v.toFixed(2) }))
  }

  beforeAll(async () => {
    t = await createTestApp()
    admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    customerId = (await insertCustomer(t.db)).id
  })
  afterAll(() => t.close())

  describe("the issue's row: 5 deals lost for one reason (“Budget frozen”, now the listed reason Budget), 2 in CNY and 3 in USD", () => {
    const deals: Deal[] = []
    beforeAll(async () => {
      const at = shanghai('2026-11-10T10:00:00')
      for (const [amount, currency] of [['100.10', 'CNY'], ['200.20', 'CNY'], ['10.00', 'USD'], ['20.50', 'USD'], ['30.25', 'USD']] as const) {
        await insertOpportunity(t.db, customerId, { stage: 'lost', amount, currency, closedAt: at, createdAt: at, lostReason: 'Budget frozen' })
        deals.push({ amount, currency, kind: 'lost', closedAt: at, createdAt: at, reason: 'Budget frozen', probability: 0 })
      }
    })
    afterAll(clearRates)
    const period = { from: '2026-11-01', to: '2026-11-30' }

    it('without a USD rate: count 5 and CN¥300.30 + US$60.75, and the drill-down lists the same 5', async () => {
      const body = await report('lost-reasons', period)
      const row = body.rows.find((r: { reason: string }) => r.reason === 'Budget')
      expect(row.count).toBe(5)
      expect(row.amount).toEqual([{ currency: 'CNY', amount: '300.30' }, { currency: 'USD', amount: '60.75' }])
      expect(body.totals.amount).toEqual(row.amount)
      expect(body.conversion.unconverted).toEqual(['USD'])
      expect(body.notes.join(' ')).toContain('No exchange rate for USD')
      const list = await t.app.inject({ method: 'GET', url: `/api/v1/opportunities?${new URLSearchParams({ ...row.drill.filters, limit: '50' })}`, headers: admin })
      expect(json(list).items).toHaveLength(5)
      // The CSV says the same, not a number that is only the CNY part.
      const csv = await t.app.inject({ method: 'GET', url: `/api/v1/reports/lost-reasons?${new URLSearchParams({ ...period, tz: TZ, lang: 'en', format: 'csv' })}`, headers: admin })
      expect(csv.body).toContain('CNY 300.30 + USD 60.75')
    })

    it('with a USD rate: one converted total, and a note naming the rate date', async () => {
      await addRate('USD', '2026-11-01', '7.1')
      const body = await report('lost-reasons', period)
      const row = body.rows.find((r: { reason: string }) => r.reason === 'Budget')
      expect(row.count).toBe(5)
      // 300.30 + 71.00 + 145.55 + 214.78 (30.25 × 7.1 = 214.775, half up)
      expect(row.amount).toBe('731.63')
      expect(row.amount).toEqual(sheet(deals, (d) => dayIn(d.closedAt!)))
      expect(body.conversion).toMatchObject({ from: '2026-11-01', to: '2026-11-01', unconverted: [] })
      expect(body.notes.join(' ')).toContain('converted to CNY at rates of 2026-11-01')
      const zh = await report('lost-reasons', { ...period, lang: 'zh-CN' })
      expect(zh.notes.join(' ')).toContain('按 2026-11-01 汇率折算为人民币')
    })
  })

  describe('random deals in CNY, USD and EUR against a spreadsheet', () => {
    const deals: Deal[] = []
    const period = { from: '2026-09-01', to: '2026-10-31' }
    let rep: { id: string }
    beforeAll(async () => {
      rep = await insertUser(t.db, { role: 'sales' })
      for (let i = 0; i < 120; i++) {
        const kind = pick(['open', 'won', 'won', 'lost'] as const)
        const currency = pick(['CNY', 'CNY', 'USD', 'EUR'])
        // Sept 1 to Oct 31 by the quarter hour: Shanghai days and the Oct 15 rate change fall inside.
        const createdAt = new Date(shanghai('2026-09-01T00:00:00').getTime() + Math.floor(rand() * 61 * 96) * 900_000)
        const closedAt = kind === 'open' ? null : createdAt
        const amount = `${Math.floor(rand() * 100_000)}.${String(Math.floor(rand() * 100)).padStart(2, '0')}`
        const reason = kind === 'lost' ? pick(['Price', 'Timing']) : null
        const stage = kind === 'open' ? 'proposal' : kind
        const probability = kind === 'open' ? 60 : kind === 'won' ? 100 : 0
        await insertOpportunity(t.db, customerId, { ownerId: rep.id, stage, amount, currency, probability, createdAt, closedAt, expectedCloseDate: '2026-10-20', lostReason: reason })
        deals.push({ amount, currency, kind, closedAt, createdAt, reason, probability })
      }
    })
    afterAll(clearRates)
    const mine = { ownerId: '' }
    const won = () => deals.filter((d) => d.kind === 'won')
    const closedDay = (d: Deal) => dayIn(d.closedAt!)
    const monthOf = (d: Date) => dayIn(d).slice(0, 7)

    const check = async () => {
      mine.ownerId = rep.id
      const revenue = await report('revenue', { ...period, ...mine })
      for (const m of ['2026-09', '2026-10']) {
        const row = revenue.rows.find((r: { group: string }) => r.group === m)
        const these = won().filter((d) => monthOf(d.closedAt!) === m)
        expect(row.count).toBe(these.length)
        expect(row.amount, m).toEqual(sheet(these, closedDay))
      }
      expect(revenue.totals.amount).toEqual(sheet(won(), closedDay))

      const lost = await report('lost-reasons', { ...period, ...mine })
      for (const reason of ['Price', 'Timing']) {
        const these = deals.filter((d) => d.reason === reason)
        const row = lost.rows.find((r: { reason: string }) => r.reason === reason)
        expect(row.count).toBe(these.length)
        expect(row.amount, reason).toEqual(sheet(these, closedDay))
      }

      const winRate = await report('win-rate', { ...period, ...mine })
      expect(winRate.totals.won).toBe(won().length)
      expect(winRate.totals.wonAmount).toEqual(sheet(won(), closedDay))

      const funnel = await report('sales-funnel', { ...period, ...mine })
      expect(funnel.totals.count).toBe(deals.length)
      expect(funnel.totals.amount).toEqual(sheet(deals, (d) => dayIn(d.createdAt)))

      // Open deals are valued at today's rate.
      const today = dayIn(new Date())
      const pipeline = await report('pipeline', { ...period, ...mine })
      const open = deals.filter((d) => d.kind === 'open')
      expect(pipeline.totals.count).toBe(open.length)
      expect(pipeline.totals.amount).toEqual(sheet(open, () => today))
    }

    it('no rates: every figure with USD or EUR in it is per currency, every count complete', async () => {
      await check()
    })

    it('USD changing rate on Oct 15 (Shanghai day), EUR only from Oct 1: converted where a rate applies', async () => {
      await addRate('USD', '2026-09-01', '7.0')
      await addRate('USD', '2026-10-15', '7.25')
      await addRate('EUR', '2026-10-01', '7.8')
      await check()
      // September has EUR deals and no EUR rate yet: per currency; October converts (if it has any EUR, its rate is there).
      const revenue = await report('revenue', { ...period, ownerId: rep.id })
      expect(revenue.conversion.unconverted).toEqual(won().some((d) => d.currency === 'EUR' && monthOf(d.closedAt!) === '2026-09') ? ['EUR'] : [])
    })

    it('all rates: one total everywhere, whatever the date', async () => {
      await addRate('EUR', '2026-01-01', '7.7')
      await check()
      const revenue = await report('revenue', { ...period, ownerId: rep.id })
      expect(typeof revenue.totals.amount).toBe('string')
      expect(revenue.notes.join(' ')).toMatch(/converted to CNY at rates of 2026-\d\d-\d\d to 2026-10-15/)
    })
  })

  it('a rate taking over at Shanghai midnight: a deal at 23:59 uses the old one, at 00:00 the new one', async () => {
    const rep = await insertUser(t.db, { role: 'sales' })
    await addRate('USD', '2026-08-01', '7.0')
    await addRate('USD', '2026-08-16', '7.5')
    await insertOpportunity(t.db, customerId, { ownerId: rep.id, stage: 'won', amount: '100.00', currency: 'USD', closedAt: shanghai('2026-08-15T23:59:00') })
    await insertOpportunity(t.db, customerId, { ownerId: rep.id, stage: 'won', amount: '100.00', currency: 'USD', closedAt: shanghai('2026-08-16T00:00:00') })
    const body = await report('revenue', { from: '2026-08-01', to: '2026-08-31', ownerId: rep.id, groupBy: 'month' })
    expect(body.totals.amount).toBe('1450.00')
    expect(body.conversion).toMatchObject({ from: '2026-08-01', to: '2026-08-16' })
    await clearRates()
  })

  it("the dashboard's won this month of a rep whose deals are all in USD: never CN¥0.00", async () => {
    const repUser = await insertUser(t.db, { role: 'sales' })
    const rep = await sessionFor(t, repUser.id)
    const now = new Date()
    const month = { from: `${dayIn(now).slice(0, 7)}-01`, to: dayIn(now) }
    await insertOpportunity(t.db, customerId, { ownerId: repUser.id, stage: 'won', amount: '1000.00', currency: 'USD', closedAt: now, createdAt: now })
    await insertOpportunity(t.db, customerId, { ownerId: repUser.id, stage: 'proposal', amount: '500.00', currency: 'USD', probability: 60, expectedCloseDate: dayIn(now) })
    const before = await report('forecast', month, rep)
    expect(before.totals.wonAmount).toEqual([{ currency: 'USD', amount: '1000.00' }])
    expect(before.totals.attainment).toBeNull()
    const pipeBefore = await report('pipeline', month, rep)
    expect(pipeBefore.totals).toMatchObject({ count: 1, amount: [{ currency: 'USD', amount: '500.00' }] })
    await addRate('USD', '2026-01-01', '7.2')
    const after = await report('forecast', month, rep)
    expect(after.totals.wonAmount).toBe('7200.00')
    const pipeAfter = await report('pipeline', month, rep)
    expect(pipeAfter.totals).toMatchObject({ count: 1, amount: '3600.00', weighted: '2160.00' })
    await clearRates()
  })
})
