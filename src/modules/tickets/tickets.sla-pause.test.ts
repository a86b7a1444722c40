import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertUser } from '../../test/factories'
import { http } from '../../test/http'

let t: TestApp
let api: ReturnType<typeof http>
let support: AuthHeaders
const HOUR = 3_600_000

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  support = await sessionFor(t, (await insertUser(t.db, { role: 'support' })).id)
})
afterAll(() => t.close())

const create = async (subject: string, priority = 'normal') => {
  const res = await api.post('/api/v1/tickets', { subject, priority, assigneeId: null }, support)
  expect(res.statusCode, res.body).toBe(201)
  return json(res)
}
const get = async (id: string) => json(await api.get(`/api/v1/tickets/${id}`, support))
const patch = async (id: string, body: object) => {
  const res = await api.patch(`/api/v1/tickets/${id}`, { version: (await get(id)).version, ...body }, support)
  expect(res.statusCode, res.body).toBe(200)
  return json(res)
}
const reply = async (id: string) => {
  const res = await api.post(`/api/v1/tickets/${id}/comments`, { body: '照片已发邮件，请查收。', fromCustomer: true }, support)
  expect(res.statusCode, res.body).toBe(201)
}
/** The ticket has waited on the customer since `ago` ms, its resolution due `dueIn` ms from now. */
const waited = (id: string, ago: number, dueIn?: number) =>
  t.db.updateTable('tickets').set({
    slaPausedAt: new Date(Date.now() - ago),
    ...(dueIn === undefined ? {} : { resolutionDueAt: new Date(Date.now() + dueIn) }),
  }).where('id', '=', id).execute()
const subjects = async (query: string) => json(await api.get(`/api/v1/tickets?${query}&limit=200`, support)).items.map((x: { subject: string }) => x.subject)

describe('the resolution clock stops while a ticket waits on the customer (pending)', () => {
  it('stops when the ticket becomes pending and, on the customer\'s reply, moves the deadline on by the time waited', async () => {
    const tk = await create('等客户发照片')
    const due = Date.parse(tk.resolutionDueAt)
    const pending = await patch(tk.id, { status: 'pending' })
    expect(pending.slaPausedAt).not.toBeNull()
    expect(pending.resolutionDueAt).toBe(tk.resolutionDueAt)
    await waited(tk.id, 3 * HOUR)

    await reply(tk.id)
    const open = await get(tk.id)
    expect(open).toMatchObject({ status: 'open', slaPausedAt: null })
    const moved = Date.parse(open.resolutionDueAt) - due
    // Three hours, and the few milliseconds between the reply and the test's clock.
    expect(moved).toBeGreaterThanOrEqual(3 * HOUR)
    expect(moved).toBeLessThan(3 * HOUR + 60_000)
    expect(Number((await t.db.selectFrom('tickets').select('slaPausedMs').where('id', '=', tk.id).executeTakeFirstOrThrow()).slaPausedMs)).toBe(moved)
  })

  it('a deadline that passes while pending is not breached, not "soon", and not in the breach list, counts or report', async () => {
    const tk = await create('暂停中过期')
    // Answered (the first-response clock is not paused by pending), then waiting on the customer.
    expect((await api.post(`/api/v1/tickets/${tk.id}/comments`, { body: '请发一张报错照片。' }, support)).statusCode).toBe(201)
    await patch(tk.id, { status: 'pending' })
    // Stopped two hours ago with three hours left; by the wall clock it would be an hour late now.
    await waited(tk.id, 2 * HOUR, -1 * HOUR)
    const paused = await get(tk.id)
    expect(paused).toMatchObject({ resolutionBreached: false, breachSoon: false, nextDueAt: null })
    expect(await subjects('breach=breached')).not.toContain('暂停中过期')
    expect(await subjects('breach=at_risk')).not.toContain('暂停中过期')
    const counts = json(await api.get('/api/v1/tickets/breach-counts', support)).items
    expect(counts.find((r: { priority: string }) => r.priority === 'normal').resolutionBreached).toBe(0)

    // Back to work: an hour was left when the clock stopped, so the deadline is an hour ahead again.
    await patch(tk.id, { status: 'open' })
    const open = await get(tk.id)
    expect(open.resolutionBreached).toBe(false)
    expect(Date.parse(open.resolutionDueAt) - Date.now()).toBeGreaterThan(HOUR - 60_000)
    expect(Date.parse(open.resolutionDueAt) - Date.now()).toBeLessThanOrEqual(HOUR)
    expect(await subjects('breach=soon')).toContain('暂停中过期')
  })

  it('a deadline already missed before the pause stays missed, and waiting does not move it', async () => {
    const tk = await create('先超时再暂停')
    await patch(tk.id, { status: 'pending' })
    // Due three hours ago, paused one hour ago: breached before the clock stopped.
    await waited(tk.id, HOUR, -3 * HOUR)
    expect((await get(tk.id)).resolutionBreached).toBe(true)
    expect(await subjects('breach=breached')).toContain('先超时再暂停')
    const before = (await get(tk.id)).resolutionDueAt
    await patch(tk.id, { status: 'resolved', resolution: '已远程处理' })
    const done = await get(tk.id)
    expect(done).toMatchObject({ resolutionDueAt: before, resolutionBreached: true, slaPausedAt: null })
  })

  it('a priority change keeps the time already waited', async () => {
    const tk = await create('改优先级', 'low')
    await patch(tk.id, { status: 'pending' })
    await waited(tk.id, 5 * HOUR)
    await patch(tk.id, { status: 'open' })
    const paused = Number((await t.db.selectFrom('tickets').select('slaPausedMs').where('id', '=', tk.id).executeTakeFirstOrThrow()).slaPausedMs)
    expect(paused).toBeGreaterThanOrEqual(5 * HOUR)
    // The audit of leaving pending shows the waited time as numbers on both engines.
    const audit = await t.db.selectFrom('auditLog').select('changes').where('entityId', '=', tk.id).orderBy('at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect((audit.changes as Record<string, unknown>).slaPausedMs).toEqual({ before: 0, after: paused })
    const urgent = await patch(tk.id, { priority: 'urgent' })
    // The default urgent target is 240 minutes from the ticket's creation, plus the wait.
    expect(Date.parse(urgent.resolutionDueAt) - Date.parse(tk.createdAt)).toBe(240 * 60_000 + paused)
  })

  it('leaving pending and changing the priority in one save counts this wait too', async () => {
    const tk = await create('同时改', 'low')
    await patch(tk.id, { status: 'pending' })
    await waited(tk.id, 2 * HOUR)
    const both = await patch(tk.id, { status: 'open', priority: 'high' })
    const paused = Number((await t.db.selectFrom('tickets').select('slaPausedMs').where('id', '=', tk.id).executeTakeFirstOrThrow()).slaPausedMs)
    expect(paused).toBeGreaterThanOrEqual(2 * HOUR)
    // High: 1440 minutes by default.
    expect(Date.parse(both.resolutionDueAt) - Date.parse(tk.createdAt)).toBe(1440 * 60_000 + paused)
    expect(both.slaPausedAt).toBeNull()
  })

  it('the SLA report counts a paused ticket by where its clock stopped', async () => {
    const admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    const year = new Date().getUTCFullYear()
    const report = async () => json(await t.app.inject({
      method: 'GET', url: `/api/v1/reports/sla?from=${year - 1}-01-01&to=${year + 1}-12-31&tz=UTC&lang=en`, headers: admin,
    })).totals.resBreached
    const tk = await create('报表里暂停')
    await patch(tk.id, { status: 'pending' })
    await waited(tk.id, 2 * HOUR, -1 * HOUR)
    // Recomputed from the rows: resolved late, or unresolved and past due where the clock stands (stopped, or now).
    const count = async (stand: string) =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM tickets WHERE deleted_at IS NULL AND (resolved_at > resolution_due_at OR (resolved_at IS NULL AND resolution_due_at < ${sql.raw(stand)}))`.execute(t.db)).rows[0]!.n
    expect(await report()).toBe(await count('coalesce(sla_paused_at, now())'))
    // By the wall clock the paused ticket would be one more.
    expect(await count('now()')).toBe((await report()) + 1)
  })
})
