import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertActivity, insertContact, insertCustomer, insertOpportunity, insertUser } from '../../test/factories'
import { insertOpportunityLines, insertProduct } from '../quotes/quotes.fixtures'
import { formatDateTime, serverTimeZone } from '../../lib/time-zone'

// The test process runs with TZ=UTC (vitest.config), as a server in a data centre does: every
// date a Beijing company sees must still come from its own calendar.
let t: TestApp
let admin: AuthHeaders
let adminId: string

const setZone = async (timeZone: string) => {
  const res = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/company', headers: admin, payload: { name: '杭州云杉软件有限公司', timeZone } })
  expect(res.statusCode, res.body).toBe(200)
}

async function pdfText(buf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(buf), useSystemFonts: false }).promise
  const content = await (await doc.getPage(1)).getTextContent()
  return content.items.map((it) => ('str' in it ? it.str : '')).join('')
}

beforeAll(async () => {
  t = await createTestApp()
  adminId = (await insertUser(t.db, { role: 'admin' })).id
  admin = await sessionFor(t, adminId)
})
afterEach(() => vi.useRealTimers())
afterAll(() => t.close())

describe('the company time zone', () => {
  it('defaults to the server zone (TZ, else the system\'s) until an admin sets one', async () => {
    expect(serverTimeZone()).toBe(process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone)
    expect(json(await t.app.inject({ method: 'GET', url: '/api/v1/settings/company', headers: admin })).timeZone).toBe(serverTimeZone())
  })

  it('refuses a zone the database does not know with a 400 naming the field (Intl still knows US/Pacific-New)', async () => {
    for (const timeZone of ['US/Pacific-New', 'Canada/East-Saskatchewan', 'Mars/Olympus']) {
      const res = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/company', headers: admin, payload: { name: 'X', timeZone } })
      expect(res.statusCode, `${timeZone}: ${res.body}`).toBe(400)
      expect(json(res).errors).toEqual([expect.objectContaining({ path: 'timeZone' })])
    }
    const report = await t.app.inject({ method: 'GET', url: '/api/v1/reports/revenue?tz=US/Pacific-New', headers: admin })
    expect(report.statusCode, report.body).toBe(400)
    expect(json(report).errors).toEqual([expect.objectContaining({ path: 'tz' })])
    const tasks = await t.app.inject({ method: 'GET', url: '/api/v1/activities?mine=true&due=today&tz=US/Pacific-New', headers: admin })
    expect(tasks.statusCode, tasks.body).toBe(400)
    const me = await t.app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: admin, payload: { timeZone: 'US/Pacific-New' } })
    expect(me.statusCode).toBe(400)
    expect(json(me).errors).toEqual([expect.objectContaining({ path: 'timeZone' })])
  })

  it('dates a quote made at 03:54 in Beijing (19:54 UTC the day before) by Beijing\'s calendar on its PDF', async () => {
    const customer = await insertCustomer(t.db, { name: '北京星辰贸易有限公司', ownerId: adminId })
    const contact = await insertContact(t.db, customer.id, { name: '李雷', email: 'lilei@example.cn' })
    const deal = await insertOpportunity(t.db, customer.id, { ownerId: adminId, contactId: contact.id })
    const p = await insertProduct(t.db, { taxRate: '13' })
    await insertOpportunityLines(t.db, deal.id, [{ productId: p.id, description: '年度维保', quantity: '1', unitPrice: '1000' }])
    const q = json(await t.app.inject({ method: 'POST', url: `/api/v1/opportunities/${deal.id}/quotes`, headers: admin, payload: { language: 'zh-CN', validUntil: '2099-01-01' } }))
    await t.db.updateTable('quotes').set({ createdAt: new Date('2026-03-01T19:54:00Z') }).where('id', '=', q.id).execute()
    const pdf = async () => pdfText((await t.app.inject({ method: 'GET', url: `/api/v1/quotes/${q.id}/pdf`, headers: admin })).rawPayload)

    await setZone('Asia/Shanghai')
    const shanghai = await pdf()
    expect(shanghai).toContain('2026年3月2日')
    expect(shanghai).not.toContain('2026年3月1日')
    await setZone('UTC')
    expect(await pdf()).toContain('2026年3月1日')
  })

  it('a new quote is valid from the company\'s today: at 03:54 Beijing time the default validUntil counts from Beijing\'s date', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-01T19:54:00Z'))
    await setZone('Asia/Shanghai')
    const customer = await insertCustomer(t.db, { ownerId: adminId })
    const deal = await insertOpportunity(t.db, customer.id, { ownerId: adminId })
    const q = json(await t.app.inject({ method: 'POST', url: `/api/v1/opportunities/${deal.id}/quotes`, headers: admin, payload: {} }))
    const days = json(await t.app.inject({ method: 'GET', url: '/api/v1/settings/company', headers: admin })).quoteValidityDays
    expect(q.validUntil).toBe(new Date(Date.UTC(2026, 2, 2 + days)).toISOString().slice(0, 10))
  })

  it('counts a deal won at 2026-03-31 17:00 UTC in April for a Shanghai company and in March for a UTC one', async () => {
    const customer = await insertCustomer(t.db, { ownerId: adminId })
    await insertOpportunity(t.db, customer.id, { ownerId: adminId, stage: 'won', amount: '500.00', currency: 'CNY', closedAt: new Date('2026-03-31T17:00:00Z') })
    const revenue = async () => json(await t.app.inject({ method: 'GET', url: '/api/v1/reports/revenue?from=2026-03-01&to=2026-04-30&lang=en&currency=CNY', headers: admin }))
    await setZone('Asia/Shanghai')
    const sh = await revenue()
    expect(sh.tz).toBe('Asia/Shanghai')
    expect(sh.rows.filter((r: { count: number }) => r.count > 0).map((r: { group: string }) => r.group)).toEqual(['2026-04'])
    await setZone('UTC')
    const utc = await revenue()
    expect(utc.rows.filter((r: { count: number }) => r.count > 0).map((r: { group: string }) => r.group)).toEqual(['2026-03'])

    // "This month" at 2026-03-31 20:00 UTC: already April in Shanghai, still March in UTC.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-31T20:00:00Z'))
    const thisMonth = async () => json(await t.app.inject({ method: 'GET', url: '/api/v1/reports/revenue?lang=en&currency=CNY', headers: admin }))
    expect((await thisMonth()).to).toBe('2026-03-31')
    await setZone('Asia/Shanghai')
    const april = await thisMonth()
    expect(april.to).toBe('2026-04-01')
    expect(april.rows.at(-1)).toMatchObject({ group: '2026-04', count: 1, amount: '500.00' })
  })

  it('a task due later today in Shanghai is "today" (not overdue, not upcoming) by the company\'s calendar, and by a user\'s own zone', async () => {
    const rep = await insertUser(t.db, { role: 'sales' })
    const repAuth = await sessionFor(t, rep.id)
    // 10:00 on 2 March in Shanghai; it is 04:00 there, still 1 March (20:00) in UTC.
    const task = await insertActivity(t.db, { type: 'task', subject: '回访云帆', ownerId: rep.id, dueAt: new Date('2026-03-02T02:00:00Z') })
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-01T20:00:00Z'))
    const bucket = async () => {
      const ids = async (due: string) => json(await t.app.inject({ method: 'GET', url: `/api/v1/activities?mine=true&type=task&open=true&due=${due}`, headers: repAuth })).items.map((a: { id: string }) => a.id)
      const out: string[] = []
      for (const due of ['today', 'overdue', 'upcoming']) if ((await ids(due)).includes(task.id)) out.push(due)
      return out
    }
    await setZone('Asia/Shanghai')
    expect(await bucket()).toEqual(['today'])
    await setZone('UTC')
    expect(await bucket()).toEqual(['upcoming'])
    // The rep works from Shanghai while the company counts in UTC: his own zone decides his today.
    const me = await t.app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: repAuth, payload: { timeZone: 'Asia/Shanghai' } })
    expect(me.statusCode, me.body).toBe(200)
    expect(json(me).user.timeZone).toBe('Asia/Shanghai')
    expect(await bucket()).toEqual(['today'])
    await t.app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: repAuth, payload: { timeZone: null } })
    expect(await bucket()).toEqual(['upcoming'])
  })

  it('formats an SLA due time for mail in the zone, saying which zone', () => {
    const due = '2026-03-01T19:54:00Z'
    expect(formatDateTime(due, 'Asia/Shanghai', 'zh-CN')).toBe('2026年3月2日 03:54 (GMT+8)')
    expect(formatDateTime(due, 'UTC', 'en')).toBe('Mar 1, 2026, 7:54 PM (UTC)')
  })
})
