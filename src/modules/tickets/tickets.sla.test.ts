import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../app'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'
import { addBusinessMinutes } from './tickets.business-hours'
import { insertTicket } from './tickets.fixtures'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let support: AuthHeaders
let sales: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  support = await sessionFor(t, (await insertUser(t.db, { role: 'support' })).id)
  sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
})
afterAll(() => t.close())

const put = (url: string, payload: object, as: AuthHeaders) => t.app.inject({ method: 'PUT', url, headers: as, payload })

const targets = {
  low: { firstResponseMinutes: 1440, resolutionMinutes: 7200 },
  normal: { firstResponseMinutes: 120, resolutionMinutes: 960 },
  high: { firstResponseMinutes: 60, resolutionMinutes: 480 },
  urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
}
const shanghaiHours = { timeZone: 'Asia/Shanghai', schedule: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' })), holidays: ['2026-12-25'] }

describe('SLA settings', () => {
  it('has per-priority defaults that everyone working tickets may read', async () => {
    const res = await api.get('/api/v1/ticket-sla', support)
    expect(res.statusCode).toBe(200)
    expect(json(res)).toMatchObject({ businessHours: null, soonMinutes: 60, targets: { urgent: { firstResponseMinutes: 60, resolutionMinutes: 240 } } })
  })

  it('only an admin changes them, and bad settings get one error per field', async () => {
    expectProblem(await put('/api/v1/ticket-sla', { targets, businessHours: null }, support), 403)
    const bad = expectProblem(await put('/api/v1/ticket-sla', {
      targets: { ...targets, high: { firstResponseMinutes: 600, resolutionMinutes: 60 }, low: { firstResponseMinutes: 0, resolutionMinutes: 10 } },
      businessHours: { timeZone: 'Mars/Olympus', schedule: [{ day: 8, start: '09:00', end: '18:00' }, { day: 1, start: '18:00', end: '09:00' }, { day: 2, start: '25:00', end: '26:00' }] },
    }, admin), 400)
    expect(bad.errors!.map((e) => e.path)).toEqual(expect.arrayContaining([
      'targets.high.resolutionMinutes', 'targets.low.firstResponseMinutes', 'businessHours.timeZone', 'businessHours.schedule.0.day',
      'businessHours.schedule.1.end', 'businessHours.schedule.2.start',
    ]))
    expectProblem(await put('/api/v1/ticket-sla', {
      targets, businessHours: { timeZone: 'Asia/Shanghai', schedule: [{ day: 1, start: '09:00', end: '12:00' }, { day: 1, start: '11:00', end: '18:00' }] },
    }, admin), 400, ['businessHours.schedule.1'])
    expectProblem(await put('/api/v1/ticket-sla', { targets, businessHours: null, extra: true }, admin), 400)
  })

  it('new tickets get deadlines in business hours of the zone; the change is audited', async () => {
    const res = await put('/api/v1/ticket-sla', { targets, businessHours: shanghaiHours, soonMinutes: 90 }, admin)
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res)).toMatchObject({ soonMinutes: 90, businessHours: { timeZone: 'Asia/Shanghai' } })
    const tk = json(await api.post('/api/v1/tickets', { subject: 'SLA', priority: 'high', assigneeId: null }, support))
    const created = new Date(tk.createdAt)
    expect(tk.firstResponseDueAt).toBe(addBusinessMinutes(created, 60, shanghaiHours).toISOString())
    expect(tk.resolutionDueAt).toBe(addBusinessMinutes(created, 480, shanghaiHours).toISOString())
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entity', '=', 'ticket_sla').execute()
    expect(audit).toHaveLength(1)
    await put('/api/v1/ticket-sla', { targets, businessHours: null }, admin)
    // Due within the hour in Shanghai's working hours, it would count as breaching soon in the tests below.
    await api.del(`/api/v1/tickets/${tk.id}`, admin)
  })
})

describe('breaches, from stored timestamps', () => {
  const min = 60_000
  let ids: Record<'late' | 'soon' | 'later' | 'answeredLate' | 'resolvedLate' | 'onTime', string>

  beforeAll(async () => {
    const now = Date.now()
    const ago = (m: number) => new Date(now - m * min)
    const ahead = (m: number) => new Date(now + m * min)
    ids = {
      late: (await insertTicket(t.db, { subject: 'late', priority: 'urgent', createdAt: ago(120), firstResponseDueAt: ago(90), resolutionDueAt: ahead(120) })).id,
      soon: (await insertTicket(t.db, { subject: 'soon', status: 'open', createdAt: ago(10), firstResponseDueAt: ahead(30), resolutionDueAt: ahead(600) })).id,
      later: (await insertTicket(t.db, { subject: 'later', createdAt: ago(5), firstResponseDueAt: ahead(300), resolutionDueAt: ahead(900) })).id,
      answeredLate: (await insertTicket(t.db, { subject: 'answeredLate', status: 'pending', priority: 'high', createdAt: ago(200), firstResponseDueAt: ago(150), firstRespondedAt: ago(100), resolutionDueAt: ahead(200) })).id,
      resolvedLate: (await insertTicket(t.db, { subject: 'resolvedLate', status: 'resolved', priority: 'high', resolution: 'ok', createdAt: ago(300), firstResponseDueAt: ago(290), firstRespondedAt: ago(295), resolutionDueAt: ago(100), resolvedAt: ago(50) })).id,
      onTime: (await insertTicket(t.db, { subject: 'onTime', status: 'closed', priority: 'low', resolution: 'ok', createdAt: ago(300), firstResponseDueAt: ago(200), firstRespondedAt: ago(290), resolutionDueAt: ago(10), resolvedAt: ago(20) })).id,
    }
  })

  const subjects = async (query: string, app = t.app, as = support) =>
    json(await app.inject({ method: 'GET', url: `/api/v1/tickets?${query}`, headers: as })).items.map((x: { subject: string }) => x.subject)

  it('flags each ticket against both targets', async () => {
    const flags = async (id: string) => {
      const x = json(await api.get(`/api/v1/tickets/${id}`, support))
      return [x.firstResponseBreached, x.resolutionBreached, x.breachSoon]
    }
    expect(await flags(ids.late)).toEqual([true, false, false])
    expect(await flags(ids.soon)).toEqual([false, false, true])
    expect(await flags(ids.later)).toEqual([false, false, false])
    expect(await flags(ids.answeredLate)).toEqual([true, false, false])
    expect(await flags(ids.resolvedLate)).toEqual([false, true, false])
    expect(await flags(ids.onTime)).toEqual([false, false, false])
    expect(json(await api.get(`/api/v1/tickets/${ids.answeredLate}`, support)).nextDueAt).not.toBeNull()
    expect(json(await api.get(`/api/v1/tickets/${ids.onTime}`, support)).nextDueAt).toBeNull()
  })

  it('lists breached and breaching-soon tickets of the inbox, and sorts by the next deadline', async () => {
    expect(await subjects('breach=breached')).toEqual(['late'])
    expect(await subjects('breach=soon')).toEqual(['soon'])
    expect(await subjects('breach=at_risk&sort=dueAt')).toEqual(['late', 'soon'])
    const byDue = await subjects('sort=dueAt&limit=200')
    // Next deadline: late (−90 min), soon (+30), answeredLate (its resolution, +200), later (+300); finished ones last.
    expect(byDue.filter((s: string) => Object.keys(ids).includes(s))).toEqual(['late', 'soon', 'answeredLate', 'later', 'resolvedLate', 'onTime'])
    const desc = await subjects('sort=-dueAt&limit=200')
    expect(desc.filter((s: string) => Object.keys(ids).includes(s))).toEqual(['onTime', 'resolvedLate', 'later', 'answeredLate', 'soon', 'late'])
  })

  it('a restarted server (a new app on the same database) reports the same', async () => {
    const { app } = await buildApp(t.config, t.database, { logger: false })
    await app.ready()
    expect(await subjects('breach=breached', app)).toEqual(['late'])
    expect(await subjects('breach=soon', app)).toEqual(['soon'])
    await app.close()
  })

  it('counts breaches by priority for the analytics', async () => {
    const res = await api.get('/api/v1/tickets/breach-counts', support)
    expect(res.statusCode, res.body).toBe(200)
    const by = Object.fromEntries(json(res).items.map((r: { priority: string }) => [r.priority, r]))
    expect(by.urgent).toMatchObject({ firstResponseBreached: 1, resolutionBreached: 0 })
    // Two high: answeredLate and resolvedLate (the one created through the API above was deleted).
    expect(by.high).toMatchObject({ tickets: 2, firstResponseBreached: 1, resolutionBreached: 1 })
    expect(by.low).toMatchObject({ firstResponseBreached: 0, resolutionBreached: 0 })
    expect(json(await api.get('/api/v1/tickets/breach-counts?from=2000-01-01&to=2000-12-31', support)).items.every((r: { tickets: number }) => r.tickets === 0)).toBe(true)
    expectProblem(await api.get('/api/v1/tickets/breach-counts', sales), 403)
  })

  it('takes the widest dates a calendar accepts: to=9999-12-31 is every ticket, not a 500', async () => {
    const all = json(await api.get('/api/v1/tickets/breach-counts', support)).items
    const res = await api.get('/api/v1/tickets/breach-counts?from=0001-01-01&to=9999-12-31', support)
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res).items).toEqual(all)
  })
})
