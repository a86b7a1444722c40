import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { serverTimeZone } from '../../lib/time-zone'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertOpportunity, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { importApi } from '../imports/imports.test-support'
import { runCliImport } from '../imports/imports.cli'
import { REPORT_NAMES } from '../reports/reports.schema'

let t: TestApp
let admin: AuthHeaders
let sales: AuthHeaders
let adminId: string

beforeAll(async () => {
  t = await createTestApp()
  adminId = (await insertUser(t.db, { role: 'admin' })).id
  admin = await sessionFor(t, adminId)
  sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
})
afterAll(() => t.close())

const company = async (headers = admin) => json(await t.app.inject({ method: 'GET', url: '/api/v1/settings/company', headers }))
const putCompany = (payload: object, headers = admin) => t.app.inject({ method: 'PUT', url: '/api/v1/settings/company', headers, payload })
const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: admin, payload })
const report = (name: string, params: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: `/api/v1/reports/${name}?${new URLSearchParams({ lang: 'en', ...params })}`, headers: admin })

describe('company currency and time zone', () => {
  it("default to CNY and the SLA business-hours zone (else the server's); an admin sets them, checked", async () => {
    expect(await company(sales)).toMatchObject({ currency: 'CNY', timeZone: serverTimeZone() })
    const schedule = [{ day: 1, start: '09:00', end: '17:00' }]
    const sla = json(await t.app.inject({ method: 'GET', url: '/api/v1/ticket-sla', headers: admin }))
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/ticket-sla', headers: admin, payload: { targets: sla.targets, soonMinutes: sla.soonMinutes, businessHours: { timeZone: 'Europe/Berlin', schedule } } })
    expect(res.statusCode, res.body).toBe(200)
    expect(await company()).toMatchObject({ currency: 'CNY', timeZone: 'Europe/Berlin' })

    expectProblem(await putCompany({ name: 'X', currency: 'USD' }, sales), 403)
    expectProblem(await putCompany({ name: 'X', currency: 'US Dollar', timeZone: 'Mars/Olympus' }), 400, ['currency', 'timeZone'])
    const set = await putCompany({ name: 'Acme Inc.', currency: 'usd', timeZone: 'America/New_York' })
    expect(set.statusCode, set.body).toBe(200)
    expect(await company(sales)).toMatchObject({ name: 'Acme Inc.', currency: 'USD', timeZone: 'America/New_York' })
    // An older client that leaves them out keeps them.
    expect(json(await putCompany({ name: 'Acme, Inc.' }))).toMatchObject({ currency: 'USD', timeZone: 'America/New_York' })
  })

  it("is new deals', products' and campaigns' currency when none is given", async () => {
    const customer = await insertCustomer(t.db, { ownerId: adminId })
    const deal = await post('/opportunities', { name: 'Deal', customerId: customer.id, amount: '100' })
    expect(deal.statusCode, deal.body).toBe(201)
    expect(json(deal).currency).toBe('USD')
    expect(json(await post('/opportunities', { name: 'Deal in euros', customerId: customer.id, currency: 'EUR' })).currency).toBe('EUR')
    const product = await post('/products', { sku: 'LOC-1', name: 'Widget', unitPrice: '9.99' })
    expect(product.statusCode, product.body).toBe(201)
    expect(json(product).currency).toBe('USD')
    const campaign = await post('/campaigns', { name: 'Spring' })
    expect(campaign.statusCode, campaign.body).toBe(201)
    expect(json(campaign).currency).toBe('USD')
  })

  it('a US export: dates read in the import zone, the company currency filled in, revenue by month in the company zone', async () => {
    const api = importApi(t)
    const csv = [
      'Deal,Account,Stage,Close Date,Expected,Amount',
      'US-1,Acme Corp,Won,03/01/2024,03/01/2024,"1,000.00"',
      'US-2,Acme Corp,Won,03/31/2024,,250.50',
      'US-3,Acme Corp,Won,04/01/2024,,10',
    ].join('\n')
    const a = json(await api.analyze(admin, 'opportunities', { name: 'us.csv', data: Buffer.from(csv) }))
    const mapping = { Deal: 'name', Account: 'customer', Stage: 'stage', 'Close Date': 'closedAt', Expected: 'expectedCloseDate', Amount: 'amount' }
    const s = await api.run(admin, a.id, { entity: 'opportunities', mapping, valueMapping: { stage: { Won: 'won' } }, createMissing: true, dayFirst: false, timeZone: 'America/New_York' })
    expect(s, JSON.stringify(s.rowErrors)).toMatchObject({ status: 'completed', counts: { created: 3 } })
    const deals = await t.db.selectFrom('opportunities').select(['name', 'closedAt', 'expectedCloseDate', 'currency']).where('name', 'like', 'US-%').orderBy('name').execute()
    expect(deals.map((d) => [d.name, d.closedAt?.toISOString(), d.expectedCloseDate, d.currency])).toEqual([
      ['US-1', '2024-03-01T05:00:00.000Z', '2024-03-01', 'USD'],
      // Daylight saving time had begun (10 March): midnight is 04:00 UTC.
      ['US-2', '2024-03-31T04:00:00.000Z', null, 'USD'],
      ['US-3', '2024-04-01T04:00:00.000Z', null, 'USD'],
    ])

    // Without the option, the company's zone (America/New_York here) is the import's.
    const again = json(await api.analyze(admin, 'opportunities', { name: 'us2.csv', data: Buffer.from(csv.replaceAll('US-', 'TZ-')) }))
    expect(await api.run(admin, again.id, { entity: 'opportunities', mapping, valueMapping: { stage: { Won: 'won' } }, createMissing: true, dayFirst: false })).toMatchObject({ status: 'completed' })
    const first = await t.db.selectFrom('opportunities').select('closedAt').where('name', '=', 'TZ-1').executeTakeFirstOrThrow()
    expect(first.closedAt?.toISOString()).toBe('2024-03-01T05:00:00.000Z')

    // `kith import --time-zone` too (the CLI is how a big export comes in).
    const dir = mkdtempSync(join(tmpdir(), 'kith-tz-'))
    try {
      writeFileSync(join(dir, 'deals.csv'), 'Deal,Account,Stage,Close Date\nCLI-1,Acme Corp,won,03/01/2024\n')
      writeFileSync(join(dir, 'mapping.json'), JSON.stringify({ Deal: 'name', Account: 'customer', Stage: 'stage', 'Close Date': 'closedAt' }))
      const sink = { write: () => true, isTTY: false } as unknown as NodeJS.WriteStream
      const code = await runCliImport(t.services, t.db, 'CN', 'opportunities', join(dir, 'deals.csv'), { mapping: join(dir, 'mapping.json'), createMissing: true, monthFirst: true, timeZone: 'America/Los_Angeles' }, sink, sink)
      expect(code).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    const cli = await t.db.selectFrom('opportunities').select('closedAt').where('name', '=', 'CLI-1').executeTakeFirstOrThrow()
    expect(cli.closedAt?.toISOString()).toBe('2024-03-01T08:00:00.000Z')
    await t.db.deleteFrom('opportunities').where('name', '=', 'CLI-1').execute()

    // A deal in another currency without an exchange rate: its month shows the amounts per currency, and a note says why.
    const customer = await insertCustomer(t.db, { ownerId: adminId })
    await insertOpportunity(t.db, customer.id, { ownerId: adminId, stage: 'won', amount: '777.00', currency: 'CNY', probability: 100, closedAt: new Date('2024-03-10T12:00:00Z') })
    // Won at 22:00 on 31 March in New York: April in Greenwich.
    await insertOpportunity(t.db, customer.id, { ownerId: adminId, stage: 'won', amount: '5.00', currency: 'USD', probability: 100, closedAt: new Date('2024-04-01T02:00:00Z') })

    const body = json(await report('revenue', { from: '2024-01-01', to: '2024-12-31' }))
    expect(body).toMatchObject({ currency: 'USD', tz: 'America/New_York', otherCurrencyRecords: 0, conversion: { unconverted: ['CNY'] } })
    const byMonth = Object.fromEntries(body.rows.map((r: { group: string; amount: string }) => [r.group, r.amount]))
    expect(byMonth).toMatchObject({ '2024-02': '0.00', '2024-03': [{ currency: 'USD', amount: '2506.00' }, { currency: 'CNY', amount: '777.00' }], '2024-04': '20.00' })
    expect(body.columns.find((c: { key: string }) => c.key === 'amount').label).toBe('Revenue (USD)')
    expect(body.notes.join(' ')).toContain('No exchange rate for CNY')
    const csvOut = (await report('revenue', { from: '2024-01-01', to: '2024-12-31', format: 'csv' })).body
    expect(csvOut).toContain('Revenue (USD)')

    // The currency is a parameter: in CNY the USD deals are the ones shown apart (rates are kept into the company currency, USD).
    const cny = json(await report('revenue', { from: '2024-01-01', to: '2024-12-31', currency: 'CNY' }))
    expect(cny).toMatchObject({ currency: 'CNY', otherCurrencyRecords: 0 })
    expect(cny.totals.amount[0]).toEqual({ currency: 'CNY', amount: '777.00' })
    // A zone asked for still wins over the company's.
    const utc = json(await report('revenue', { from: '2024-01-01', to: '2024-12-31', tz: 'UTC' }))
    expect(utc.tz).toBe('UTC')
    expect(Object.fromEntries(utc.rows.map((r: { group: string; amount: string }) => [r.group, r.amount]))).toMatchObject({ '2024-03': [{ currency: 'USD', amount: '2501.00' }, { currency: 'CNY', amount: '777.00' }], '2024-04': '25.00' })
  })

  it("without from/to, a report's period ends today in the company's zone, not in Greenwich", async () => {
    // 14 hours ahead of UTC: for most of the day its date is not Greenwich's.
    await putCompany({ name: 'Acme, Inc.', timeZone: 'Pacific/Kiritimati' })
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
    const body = json(await report('revenue'))
    expect(body).toMatchObject({ tz: 'Pacific/Kiritimati', to: today })
    expect(body.rows.at(-1).group).toBe(today.slice(0, 7))
    await putCompany({ name: 'Acme, Inc.', timeZone: 'America/New_York' })
  })

  it('every money report names its currency and counts the records in others; the rest say null', async () => {
    for (const name of REPORT_NAMES) {
      const res = await report(name, { from: '2024-01-01', to: '2024-12-31' })
      expect(res.statusCode, `${name} ${res.body}`).toBe(200)
      const body = json(res)
      const money = body.columns.filter((c: { type: string }) => c.type === 'money')
      expect(body.currency, name).toBe('USD')
      if (!money.length) {
        expect(body.otherCurrencyRecords, name).toBeNull()
        continue
      }
      expect(body.otherCurrencyRecords, name).toEqual(expect.any(Number))
      for (const c of money) expect(c.label, `${name}.${c.key}`).toMatch(/\(USD\)$/)
    }
    // Closed deals in other currencies without a rate: one CNY deal won in March 2024, shown per currency.
    for (const name of ['revenue', 'win-rate']) expect(json(await report(name, { from: '2024-01-01', to: '2024-12-31' })).conversion.unconverted, name).toEqual(['CNY'])
    // The forecast also has the open 'Deal in euros' above: no close date, so in its undated row, per currency.
    expect(json(await report('forecast', { from: '2024-01-01', to: '2024-12-31' })).conversion.unconverted).toEqual(['CNY', 'EUR'])
  })
})
