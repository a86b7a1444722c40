import Big from 'big.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertUser } from '../../test/factories'
import { importApi } from './imports.test-support'

/**
 * Issue 17's "Done when": a CRM export shaped like Maven Analytics' "CRM Sales Opportunities"
 * (accounts, products, sales teams, pipeline) migrated through the HTTP API alone, as a new admin
 * would from the README, gives reports equal to what a spreadsheet computes from the source files.
 */

// ---------- the source data, generated deterministically ----------

/** mulberry32: a small seeded PRNG, so every run (and engine) sees the same files. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rnd = prng(20241231)
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1))
const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!

const OFFICES = ['Central', 'East'] as const
const MANAGERS = [
  { name: 'Dustin Brinkmann', office: 'Central' },
  { name: 'Melvin Marxen', office: 'East' },
]
const AGENTS = [
  { name: 'Anna Snelling', manager: 'Dustin Brinkmann' },
  { name: 'Cecily Lampkin', manager: 'Dustin Brinkmann' },
  { name: 'Versie Hillebrand', manager: 'Dustin Brinkmann' },
  { name: 'Moses Frase', manager: 'Melvin Marxen' },
  { name: 'Jonathan Berthelot', manager: 'Melvin Marxen' },
  { name: 'Marty Freudenburg', manager: 'Melvin Marxen' },
]
const officeOf = (manager: string) => MANAGERS.find((m) => m.name === manager)!.office
const emailOf = (name: string) => `${name.toLowerCase().replace(/ /g, '.')}@example.com`

/** The catalog's spelling, and the pipeline's where it differs (GTXPro vs "GTX Pro"). */
const PRODUCTS = [
  { product: 'GTX Basic', series: 'GTX', price: '550', pipeline: 'GTX Basic' },
  { product: 'GTX Pro', series: 'GTX', price: '4821', pipeline: 'GTXPro' },
  { product: 'MG Special', series: 'MG', price: '55', pipeline: 'MG Special' },
  { product: 'MG Advanced', series: 'MG', price: '3393', pipeline: 'MG Advanced' },
  { product: 'GTK 500', series: 'GTK', price: '26768', pipeline: 'GTK 500' },
]
const SECTORS = ['technolgy', 'medical', 'retail', 'software', 'finance', 'marketing', 'entertainment']
const ACCOUNTS = [
  'Acme Corporation', 'Betasoloin', 'Cancity', 'Codehow', 'Dalttechnology', 'Domzoom', 'Faxquote', 'Funholding',
  'Golddex', 'Hottechi', 'Isdom', 'Konex', 'Labdrill', 'Newex', 'Opentech',
].map((account, i) => ({
  account, sector: pick(SECTORS), year: String(int(1979, 2017)), revenue: `${int(100, 9000)}.${String(int(0, 99)).padStart(2, '0')}`,
  employees: String(int(10, 20000)), office: i % 5 === 0 ? 'Philippines' : 'United States', subsidiaryOf: i === 3 ? 'Acme Corporation' : '',
}))

interface Deal {
  id: string
  agent: string
  product: (typeof PRODUCTS)[number]
  account: string
  stage: 'Prospecting' | 'Engaging' | 'Won' | 'Lost'
  /** YYYY-MM-DD, or '' (Prospecting rows may have none) */
  engage: string
  close: string
  /** US dollars as the file gives them: '' for open deals */
  value: string
}

const iso = (d: Date) => d.toISOString().slice(0, 10)
const addDays = (day: string, n: number) => iso(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000))
/** Half the dates as ISO, half as US MM/DD/YYYY. */
const written = (day: string) => {
  if (!day || rnd() < 0.5) return day
  const [y, m, d] = day.split('-')
  return `${m}/${d}/${y}`
}

const DEALS: Deal[] = (() => {
  const ids = new Set<string>()
  const deals: Deal[] = []
  const LAST = '2024-12-31'
  for (let i = 0; i < 400; i++) {
    let id: string
    do id = Array.from({ length: 8 }, () => pick('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''))).join('')
    while (ids.has(id))
    ids.add(id)
    const r = rnd()
    const stage = r < 0.45 ? 'Won' : r < 0.75 ? 'Lost' : r < 0.88 ? 'Engaging' : 'Prospecting'
    const product = pick(PRODUCTS)
    let engage = addDays('2023-01-01', int(0, 640))
    let close = ''
    if (stage === 'Won' || stage === 'Lost') {
      close = addDays(engage, int(1, 120))
      // Month boundaries in US time: the last and first day of a month.
      if (rnd() < 0.35) {
        const [y, m] = close.split('-').map(Number) as [number, number]
        close = rnd() < 0.5 ? iso(new Date(Date.UTC(y, m, 0))) : iso(new Date(Date.UTC(y, m - 1, 1)))
        if (close <= engage) close = addDays(engage, 1)
      }
      if (close > LAST) close = LAST
    }
    const value = stage === 'Won' ? new Big(product.price).times(int(85, 115)).div(100).round(2).toFixed(2) : stage === 'Lost' ? '0' : ''
    if (stage === 'Prospecting' && rnd() < 0.3) engage = ''
    const account = stage === 'Prospecting' && rnd() < 0.35 ? '' : pick(ACCOUNTS).account
    deals.push({ id, agent: pick(AGENTS).name, product, account, stage, engage, close, value })
  }
  // The two sides of one boundary, always present.
  deals[0] = { ...deals[0]!, stage: 'Won', account: 'Acme Corporation', engage: '2024-03-01', close: '2024-03-31', value: '1000.10' }
  deals[1] = { ...deals[1]!, stage: 'Won', account: 'Acme Corporation', engage: '2024-03-01', close: '2024-04-01', value: '2000.20' }
  return deals
})()

const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n')

// sales_teams.csv as exported has no e-mail and no rows for the managers: the admin adds both in his spreadsheet.
const USERS_CSV = csv([
  ['sales_agent', 'email', 'role', 'manager', 'regional_office'],
  ...MANAGERS.map((m) => [m.name, emailOf(m.name), 'manager', '', m.office]),
  ...AGENTS.map((a) => [a.name, emailOf(a.name), 'sales', a.manager, officeOf(a.manager)]),
])
const ACCOUNTS_CSV = csv([
  ['account', 'sector', 'year_established', 'revenue', 'employees', 'office_location', 'subsidiary_of'],
  ...ACCOUNTS.map((a) => [a.account, a.sector, a.year, a.revenue, a.employees, a.office, a.subsidiaryOf]),
])
// The catalog needs a SKU, which the export has not: the admin adds one.
const PRODUCTS_CSV = csv([['sku', 'product', 'series', 'sales_price'], ...PRODUCTS.map((p) => [p.product.toUpperCase().replace(/ /g, '-'), p.product, p.series, p.price])])
const PIPELINE_CSV = csv([
  ['opportunity_id', 'sales_agent', 'product', 'account', 'deal_stage', 'engage_date', 'close_date', 'close_value'],
  ...DEALS.map((d) => [d.id, d.agent, d.product.pipeline, d.account, d.stage, written(d.engage), written(d.close), d.value]),
])

// ---------- what a spreadsheet computes from the source ----------

const won = DEALS.filter((d) => d.stage === 'Won')
const lost = DEALS.filter((d) => d.stage === 'Lost')
/** Rows the import must refuse: a deal names its customer, and these name none. */
const noAccount = DEALS.map((d, i) => ({ d, row: i + 2 })).filter(({ d }) => d.account === '')
const imported = DEALS.filter((d) => d.account !== '')
const sumOf = (xs: string[]) => xs.reduce((s, x) => s.plus(x), new Big(0)).toFixed(2)
function groupSum<K>(deals: Deal[], key: (d: Deal) => K) {
  const m = new Map<K, { n: number; sum: Big }>()
  for (const d of deals) {
    const g = m.get(key(d)) ?? { n: 0, sum: new Big(0) }
    g.n++
    g.sum = g.sum.plus(d.value)
    m.set(key(d), g)
  }
  return m
}
/** Biggest first, as a ranking; ties would make the order arbitrary, so there must be none. */
const ranked = <K>(m: Map<K, { n: number; sum: Big }>) => {
  const rows = [...m.entries()].sort((a, b) => b[1].sum.cmp(a[1].sum))
  for (let i = 1; i < rows.length; i++) expect(rows[i]![1].sum.eq(rows[i - 1]![1].sum)).toBe(false)
  return rows.map(([k, g]) => ({ group: k, count: g.n, amount: g.sum.toFixed(2) }))
}
const months = (() => {
  const out: string[] = []
  for (let y = 2023; y <= 2024; y++) for (let m = 1; m <= 12; m++) out.push(`${y}-${String(m).padStart(2, '0')}`)
  return out
})()

// ---------- the migration, through the HTTP API ----------

let t: TestApp
let api: ReturnType<typeof importApi>
let admin: AuthHeaders
const statuses: Record<string, any> = {}

const get = async (url: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: admin })
  expect(res.statusCode, res.body).toBe(200)
  return res
}
const report = async (name: string, params: Record<string, string>) => json(await get(`/reports/${name}?${new URLSearchParams({ lang: 'en', ...params })}`))
const YEARS = { from: '2023-01-01', to: '2024-12-31' }

async function importFile(entity: string, name: string, data: Buffer, options: Record<string, unknown>, check?: (analysis: any) => void) {
  const a = await api.analyze(admin, entity, { name, data })
  expect(a.statusCode, a.body).toBe(200)
  check?.(a.json())
  const status = await api.run(admin, a.json().id, { entity, ...options })
  expect(status.status, JSON.stringify(status)).toBe('completed')
  // Every rejected row, not only the first page.
  return json(await get(`/imports/${status.id}?limit=1000`))
}

beforeAll(async () => {
  t = await createTestApp()
  api = importApi(t)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)

  const company = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/company', headers: admin, payload: { name: 'Migrated Inc.', currency: 'USD', timeZone: 'America/New_York' } })
  expect(company.statusCode, company.body).toBe(200)

  // The wizard's proposed mapping and value mapping, taken as they are.
  statuses.users = await importFile('users', 'sales_teams.csv', USERS_CSV, {}, (a) => {
    expect(a.proposedMapping).toEqual({ sales_agent: 'name', email: 'email', role: 'role', manager: 'manager', regional_office: 'team' })
  })
  // Imported users cannot sign in (nor own records) until an admin activates each with a first password.
  const users = json(await get('/users?limit=200')).items as any[]
  for (const u of users.filter((x) => !x.active)) {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${u.id}`, headers: admin, payload: { version: u.version, active: true, password: 'first-password-123' } })
    expect(res.statusCode, res.body).toBe(200)
  }

  statuses.customers = await importFile('customers', 'accounts.csv', ACCOUNTS_CSV, {
    mapping: { account: 'name', sector: 'industry', office_location: 'address.country', year_established: null, revenue: null, employees: null, subsidiary_of: null },
    valueMapping: { industry: { technolgy: 'technology' } },
  })
  statuses.products = await importFile('products', 'products.csv', PRODUCTS_CSV, {
    mapping: { sku: 'sku', product: 'name', series: 'description', sales_price: 'unitPrice' },
  })
  statuses.opportunities = await importFile('opportunities', 'sales_pipeline.csv', PIPELINE_CSV, {
    mapping: {
      opportunity_id: 'name', sales_agent: 'owner', product: 'product', account: 'customer', deal_stage: 'stage',
      engage_date: 'createdAt', close_date: 'closedAt', close_value: 'amount',
    },
    valueMapping: {
      stage: { Prospecting: 'qualification', Engaging: 'negotiation', Won: 'won', Lost: 'lost' },
      product: { GTXPro: 'GTX Pro' },
    },
    dayFirst: false,
    timeZone: 'America/New_York',
    skipInvalid: true,
  })
}, 120_000)
afterAll(() => t?.close())

describe('a CRM Sales Opportunities export migrated through the import API', () => {
  it('creates every source row, or rejects it with its reason', async () => {
    expect(statuses.users.counts).toMatchObject({ created: MANAGERS.length + AGENTS.length, invalid: 0 })
    expect(statuses.customers.counts).toMatchObject({ created: ACCOUNTS.length, invalid: 0 })
    expect(statuses.products.counts).toMatchObject({ created: PRODUCTS.length, invalid: 0 })
    expect(statuses.opportunities.counts).toMatchObject({ created: imported.length, invalid: noAccount.length, skipped: 0, merged: 0 })
    expect(noAccount.length).toBeGreaterThan(0)
    expect(statuses.opportunities.rowErrors).toEqual(noAccount.map(({ row }) => ({ row, errors: [{ path: 'customer', message: 'Required, but the cell is empty' }] })))
    // The rejected rows to fix and import again: the original cells and the reason.
    const rejected = (await get(`/imports/${statuses.opportunities.id}/errors.csv`)).body.replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    expect(rejected).toHaveLength(noAccount.length + 1)
    expect(rejected[0]).toMatch(/^[^,]+,opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value,/)
    expect(rejected.slice(1).map((l) => l.split(',').slice(0, 2))).toEqual(noAccount.map(({ d, row }) => [String(row), d.id]))
    for (const line of rejected.slice(1)) expect(line).toMatch(/Required, but the cell is empty/)
  })

  it('the wizard’s proposals alone (mapping, stage values, product spellings) would import the same pipeline rows', async () => {
    const a = (await api.analyze(admin, 'opportunities', { name: 'sales_pipeline.csv', data: PIPELINE_CSV })).json()
    expect(a.proposedMapping).toEqual({
      opportunity_id: 'name', sales_agent: 'owner', product: 'product', account: 'customer', deal_stage: 'stage',
      // A close date is the expected one until the deal closes: a won or lost deal closes on it.
      engage_date: 'createdAt', close_date: 'expectedCloseDate', close_value: 'amount',
    })
    expect(a.proposedValueMapping).toEqual({ stage: { Prospecting: 'qualification', Engaging: 'negotiation', Won: 'won', Lost: 'lost' } })
    const dry = await api.run(admin, a.id, { entity: 'opportunities', dayFirst: false, skipInvalid: true, dryRun: true })
    expect(dry).toMatchObject({ status: 'dry_run_done', counts: { created: imported.length, invalid: noAccount.length } })
  })

  it('holds as many records as the files have rows (less the rejected ones)', async () => {
    const all = async (resource: string) => {
      const items: any[] = []
      let cursor: string | null = null
      do {
        const page: { items: any[]; nextCursor: string | null } = json(await get(`/${resource}?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`))
        items.push(...page.items)
        cursor = page.nextCursor
      } while (cursor)
      return items
    }
    expect((await all('customers')).map((c) => c.name).sort()).toEqual(ACCOUNTS.map((a) => a.account).sort())
    expect((await all('products')).map((p) => [p.name, p.unitPrice, p.currency]).sort()).toEqual(PRODUCTS.map((p) => [p.product, new Big(p.price).toFixed(2), 'USD']).sort())
    const deals = await all('opportunities')
    expect(deals.map((d) => d.name).sort()).toEqual(imported.map((d) => d.id).sort())
    expect(deals.every((d) => d.currency === 'USD')).toBe(true)
  })

  it('puts each agent in his manager’s office team', async () => {
    const users = json(await get('/users?limit=200')).items as any[]
    const teams = new Map((json(await get('/teams?limit=200')).items as any[]).map((x) => [x.id, x.name]))
    const byName = new Map(users.map((u) => [u.name, u]))
    for (const m of MANAGERS) expect([byName.get(m.name)?.role, teams.get(byName.get(m.name)?.teamId)]).toEqual(['manager', m.office])
    for (const a of AGENTS) expect([byName.get(a.name)?.role, teams.get(byName.get(a.name)?.teamId), byName.get(a.name)?.active]).toEqual(['sales', officeOf(a.manager), true])
    expect(new Set(teams.values())).toEqual(new Set(OFFICES))
  })

  it('revenue by month: won close_value per close month in New York time', async () => {
    const byMonth = groupSum(won, (d) => d.close.slice(0, 7))
    const r = await report('revenue', { ...YEARS, groupBy: 'month' })
    expect(r).toMatchObject({ currency: 'USD', tz: 'America/New_York' })
    expect(r.rows).toEqual(months.map((m) => ({ group: m, count: byMonth.get(m)?.n ?? 0, amount: byMonth.get(m)?.sum.toFixed(2) ?? '0.00' })))
    expect(r.totals).toEqual({ amount: sumOf(won.map((d) => d.value)) })
    // 03/31 and 04/01 stay on their own sides of the month boundary.
    expect(r.rows.find((x: any) => x.group === '2024-03').amount).toBe(byMonth.get('2024-03')!.sum.toFixed(2))

    // The same as a download.
    const res = await get(`/reports/revenue?${new URLSearchParams({ ...YEARS, groupBy: 'month', lang: 'en', format: 'csv' })}`)
    const lines = res.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    expect(lines.slice(1)).toEqual(months.map((m) => `${m},${byMonth.get(m)?.n ?? 0},${byMonth.get(m)?.sum.toFixed(2) ?? '0.00'}`))
  })

  it('revenue by owner and by product, in ranking order', async () => {
    expect((await report('revenue', { ...YEARS, groupBy: 'owner' })).rows).toEqual(ranked(groupSum(won, (d) => d.agent)))
    expect((await report('revenue', { ...YEARS, groupBy: 'product' })).rows).toEqual(ranked(groupSum(won, (d) => d.product.product)))
  })

  it('win rate: won and lost deals closed in the period', async () => {
    const r = await report('win-rate', { ...YEARS, groupBy: 'owner' })
    const rate = (w: number, l: number) => (w + l ? new Big(w).times(100).div(w + l).round(1).toNumber() : null)
    expect(r.totals).toMatchObject({
      won: won.length, lost: lost.length, winRate: rate(won.length, lost.length), wonAmount: sumOf(won.map((d) => d.value)),
      avgDeal: new Big(sumOf(won.map((d) => d.value))).div(won.length).round(2).toFixed(2),
    })
    const rows = AGENTS.map((a) => a.name).sort().map((name) => {
      const w = won.filter((d) => d.agent === name)
      const l = lost.filter((d) => d.agent === name).length
      return { group: name, won: w.length, lost: l, winRate: rate(w.length, l), wonAmount: sumOf(w.map((d) => d.value)) }
    })
    expect(r.rows.map((x: any) => ({ group: x.group, won: x.won, lost: x.lost, winRate: x.winRate, wonAmount: x.wonAmount }))).toEqual(rows)
  })

  it('sales cycle: days from engage_date to close_date of won deals, as a spreadsheet counts them', async () => {
    const dayNo = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000
    const cycles = (ds: Deal[]) => ds.map((d) => dayNo(d.close) - dayNo(d.engage)).sort((a, b) => a - b)
    /** PERCENTILE.INC (percentile_cont): linear between the two nearest ranks. */
    const percentile = (xs: number[], p: number) => {
      const rank = new Big(xs.length - 1).times(p)
      const lo = rank.round(0, Big.roundDown).toNumber()
      return rank.minus(lo).times(xs[Math.min(lo + 1, xs.length - 1)]! - xs[lo]!).plus(xs[lo]!)
    }
    const tenth = (b: Big) => b.round(1, Big.roundHalfUp).toNumber()
    const stats = (ds: Deal[]) => {
      const xs = cycles(ds)
      return { won: xs.length, avgDays: tenth(xs.reduce((s, x) => s.plus(x), new Big(0)).div(xs.length)), medianDays: tenth(percentile(xs, 0.5)), p90Days: tenth(percentile(xs, 0.9)) }
    }
    const r = await report('sales-cycle', { ...YEARS, groupBy: 'owner' })
    expect(r.totals).toEqual(stats(won))
    const rows = AGENTS.map((a) => a.name).sort().map((name) => ({ group: name, ...stats(won.filter((d) => d.agent === name)) }))
    expect(r.rows.map(({ drill, ...x }: any) => x)).toEqual(rows)
  })

  it('the sales funnel counts every imported deal at its stage', async () => {
    const r = await report('sales-funnel', { range: 'all' })
    const count = (s: Deal['stage']) => imported.filter((d) => d.stage === s).length
    const byStage = Object.fromEntries(r.rows.map((x: any) => [x.stage, x.count]))
    expect(byStage).toEqual({ Qualification: count('Prospecting'), 'Needs analysis': 0, Proposal: 0, Negotiation: count('Engaging'), Won: count('Won'), Lost: count('Lost') })
    expect(r.totals.count).toBe(imported.length)
  })

  it('the pipeline holds every open deal, none with a close date', async () => {
    const open = imported.filter((d) => d.stage === 'Prospecting' || d.stage === 'Engaging')
    // An open deal has no close_value: with a product line it is worth the catalog price.
    const worth = (ds: Deal[]) => sumOf(ds.map((d) => d.product.price))
    const r = await report('pipeline', { ...YEARS })
    expect(r.rows).toEqual([expect.objectContaining({ bucket: 'noCloseDate', count: open.length, amount: worth(open) })])
    expect(r.totals).toMatchObject({ count: open.length, amount: worth(open) })
  })
})
