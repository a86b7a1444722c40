import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemContext } from '../../server/context'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertTeam, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'
import { insertTicket } from './tickets.fixtures'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let manager: AuthHeaders
let support: AuthHeaders
let sales: AuthHeaders
const u = {} as Record<'admin' | 'manager' | 'support' | 'sales' | 'a1' | 'a2' | 'a3' | 'a4' | 'inactive', { id: string; teamId: string | null }>
let salesTeam: string

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  const svc = (await insertTeam(t.db, { name: '客服部' })).id
  salesTeam = (await insertTeam(t.db, { name: '华南销售' })).id
  u.admin = await insertUser(t.db, { role: 'admin' })
  u.manager = await insertUser(t.db, { role: 'manager', teamId: svc })
  u.support = await insertUser(t.db, { role: 'support', teamId: svc })
  u.sales = await insertUser(t.db, { role: 'sales', teamId: salesTeam })
  for (const k of ['a1', 'a2', 'a3', 'a4'] as const) u[k] = await insertUser(t.db, { role: 'support', teamId: svc })
  u.inactive = await insertUser(t.db, { role: 'support', teamId: svc, active: false })
  admin = await sessionFor(t, u.admin.id)
  manager = await sessionFor(t, u.manager.id)
  support = await sessionFor(t, u.support.id)
  sales = await sessionFor(t, u.sales.id)
})
afterAll(() => t.close())

const put = (items: object[], as = admin) => t.app.inject({ method: 'PUT', url: '/api/v1/ticket-assignment-rules', headers: as, payload: { items } })
const create = async (body: object = {}) => {
  const res = await api.post('/api/v1/tickets', { subject: '需要帮助', ...body }, support)
  expect(res.statusCode, res.body).toBe(201)
  return json(res)
}
const asAdmin = () => systemContext({ userId: u.admin.id, role: 'admin', teamId: null })

describe('manual assignment', () => {
  it('a support lead assigns to an active support user; every reassignment stays in the process log and the audit', async () => {
    const tk = await create({ assigneeId: null })
    let res = await api.patch(`/api/v1/tickets/${tk.id}`, { assigneeId: u.a1.id, version: 1 }, manager)
    expect(json(res)).toMatchObject({ assigneeId: u.a1.id, version: 2 })
    res = await api.patch(`/api/v1/tickets/${tk.id}`, { assigneeId: u.a2.id, version: 2 }, admin)
    expect(json(res)).toMatchObject({ assigneeId: u.a2.id, version: 3 })
    const events = json(await api.get(`/api/v1/tickets/${tk.id}/events`, support)).items.filter((e: { kind: string }) => e.kind === 'assigned')
    expect(events.map((e: { before: { assigneeId: string | null }; after: { assigneeId: string }; actorId: string }) => [e.before.assigneeId, e.after.assigneeId, e.actorId]))
      .toEqual([[null, u.a1.id, u.manager.id], [u.a1.id, u.a2.id, u.admin.id]])
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entityId', '=', tk.id).where('action', '=', 'update').execute()
    expect(audit.map((a) => (a.changes as Record<string, { after: unknown }>).assigneeId!.after)).toEqual([u.a1.id, u.a2.id])
  })

  it('refuses a non-support, inactive or unknown assignee with a 400 on assigneeId, changing nothing', async () => {
    const tk = await create({ assigneeId: null })
    for (const id of [u.sales.id, u.manager.id, u.inactive.id, '0190a000-0000-7000-8000-000000000000']) {
      expectProblem(await api.patch(`/api/v1/tickets/${tk.id}`, { assigneeId: id, version: 1 }, admin), 400, ['assigneeId'])
    }
    expectProblem(await api.post('/api/v1/tickets', { subject: 'x', assigneeId: u.inactive.id }, admin), 400, ['assigneeId'])
    expect(json(await api.get(`/api/v1/tickets/${tk.id}`, admin))).toMatchObject({ assigneeId: null, version: 1 })
  })

  it('a support user may take a ticket himself but not hand it to others; sales may not assign at all', async () => {
    const tk = await create({ assigneeId: null })
    expectProblem(await api.patch(`/api/v1/tickets/${tk.id}`, { assigneeId: u.a1.id, version: 1 }, support), 403)
    expect(json(await api.patch(`/api/v1/tickets/${tk.id}`, { assigneeId: u.support.id, version: 1 }, support))).toMatchObject({ assigneeId: u.support.id })
    const customer = await insertCustomer(t.db, { ownerId: u.sales.id, teamId: salesTeam })
    const theirs = await create({ customerId: customer.id, assigneeId: null })
    expectProblem(await api.patch(`/api/v1/tickets/${theirs.id}`, { assigneeId: u.a1.id, version: 1 }, sales), 403)
  })

  it('"my tickets" and "unassigned" filters', async () => {
    const mine = await create({ assigneeId: u.support.id })
    const none = await create({ assigneeId: null })
    const my = json(await api.get('/api/v1/tickets?assigneeId=me&limit=200', support)).items.map((x: { id: string }) => x.id)
    expect(my).toContain(mine.id)
    expect(my).not.toContain(none.id)
    const unassigned = json(await api.get('/api/v1/tickets?assigneeId=unassigned&limit=200', support)).items
    expect(unassigned.map((x: { id: string }) => x.id)).toContain(none.id)
    expect(unassigned.every((x: { assigneeId: string | null }) => x.assigneeId === null)).toBe(true)
  })
})

describe('assignment rules', () => {
  it('are read by admins and managers, replaced by admins only, and validated', async () => {
    expectProblem(await put([{ name: 'x', assigneeIds: [u.a1.id] }], manager), 403)
    expectProblem(await api.get('/api/v1/ticket-assignment-rules', support), 403)
    const bad = expectProblem(await put([
      { name: 'r1', assigneeIds: [u.a1.id, u.sales.id, u.inactive.id] },
      { name: '', customerTeamId: '0190a000-0000-7000-8000-000000000000', assigneeIds: [], strategy: 'random' },
    ]), 400)
    expect(bad.errors!.map((e) => e.path)).toEqual(expect.arrayContaining(['items.1.name', 'items.1.assigneeIds', 'items.1.strategy']))
    const bad2 = expectProblem(await put([{ name: 'r1', customerTeamId: '0190a000-0000-7000-8000-000000000000', assigneeIds: [u.a1.id, u.sales.id, u.inactive.id, u.a1.id] }]), 400)
    expect(bad2.errors!.map((e) => e.path)).toEqual(expect.arrayContaining(['items.0.assigneeIds.1', 'items.0.assigneeIds.2', 'items.0.assigneeIds', 'items.0.customerTeamId']))
    expect(json(await api.get('/api/v1/ticket-assignment-rules', manager)).items).toEqual([])
  })

  it('the first matching active rule deals the ticket: by type, priority and the customer’s team; none → unassigned', async () => {
    const res = await put([
      { name: '停用', assigneeIds: [u.a4.id], active: false },
      { name: '投诉', type: 'complaint', assigneeIds: [u.a1.id] },
      { name: '紧急', priority: 'urgent', assigneeIds: [u.a2.id] },
      { name: '华南客户', customerTeamId: salesTeam, assigneeIds: [u.a3.id] },
    ])
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res).items.map((r: { name: string; position: number }) => [r.position, r.name])).toEqual([[0, '停用'], [1, '投诉'], [2, '紧急'], [3, '华南客户']])
    expect((await create({ type: 'complaint', priority: 'urgent' })).assigneeId).toBe(u.a1.id)
    expect((await create({ priority: 'urgent' })).assigneeId).toBe(u.a2.id)
    const customer = await insertCustomer(t.db, { ownerId: u.sales.id, teamId: salesTeam })
    expect((await create({ customerId: customer.id })).assigneeId).toBe(u.a3.id)
    expect((await create({})).assigneeId).toBeNull()
    // An explicit null keeps the ticket unassigned even when a rule matches.
    expect((await create({ type: 'complaint', assigneeId: null })).assigneeId).toBeNull()
    const auto = await create({ type: 'complaint' })
    const ev = json(await api.get(`/api/v1/tickets/${auto.id}/events`, support)).items.find((e: { kind: string }) => e.kind === 'assigned')
    expect(ev.after).toMatchObject({ assigneeId: u.a1.id, automatic: true })
  })

  it('a pool with nobody available passes the ticket to the next matching rule', async () => {
    await put([
      { name: 'gone', assigneeIds: [u.inactive.id] },
      { name: 'fallback', assigneeIds: [u.a4.id] },
    ]).then((r) => expect(r.statusCode).toBe(400))
    // Deactivated after the rule was saved: skipped, not an error.
    const temp = await insertUser(t.db, { role: 'support' })
    expect((await put([{ name: 'gone', assigneeIds: [temp.id] }, { name: 'fallback', assigneeIds: [u.a4.id] }])).statusCode).toBe(200)
    await t.db.updateTable('users').set({ active: false }).where('id', '=', temp.id).execute()
    expect((await create({})).assigneeId).toBe(u.a4.id)
  })

  it('round-robin is fair over 1,000 tickets: each of 3 agents gets 333 or 334, in turn', async () => {
    expect((await put([{ name: 'all', assigneeIds: [u.a1.id, u.a2.id, u.a3.id], strategy: 'round_robin' }])).statusCode).toBe(200)
    const counts = new Map<string, number>()
    const sequence: string[] = []
    for (let i = 0; i < 1000; i++) {
      const tk = await t.services.tickets.create(asAdmin(), { subject: `RR ${i}` })
      counts.set(tk.assigneeId!, (counts.get(tk.assigneeId!) ?? 0) + 1)
      if (i < 6) sequence.push(tk.assigneeId!)
    }
    expect([...counts.keys()].sort()).toEqual([u.a1.id, u.a2.id, u.a3.id].sort())
    for (const n of counts.values()) expect(n === 333 || n === 334).toBe(true)
    expect(sequence.slice(3)).toEqual(sequence.slice(0, 3))
    expect(new Set(sequence.slice(0, 3)).size).toBe(3)
  }, 180_000)

  it('round-robin skips a member who was deactivated and continues after him when he is back', async () => {
    await put([{ name: 'all', assigneeIds: [u.a1.id, u.a2.id, u.a3.id] }])
    await t.db.updateTable('users').set({ active: false }).where('id', '=', u.a2.id).execute()
    const got = []
    for (let i = 0; i < 4; i++) got.push((await create({})).assigneeId)
    expect(got).not.toContain(u.a2.id)
    expect(new Set(got)).toEqual(new Set([u.a1.id, u.a3.id]))
    await t.db.updateTable('users').set({ active: true }).where('id', '=', u.a2.id).execute()
  })

  it('least-loaded gives the next ticket to whoever has the fewest open tickets, and evens the pool out', async () => {
    const team = await insertTeam(t.db)
    const [x, y, z] = [await insertUser(t.db, { role: 'support', teamId: team.id }), await insertUser(t.db, { role: 'support', teamId: team.id }), await insertUser(t.db, { role: 'support', teamId: team.id })]
    for (let i = 0; i < 3; i++) await insertTicket(t.db, { assigneeId: x.id, status: 'open' })
    await insertTicket(t.db, { assigneeId: y.id, status: 'pending' })
    // Finished and deleted tickets are no load.
    await insertTicket(t.db, { assigneeId: z.id, status: 'closed', resolution: 'ok' })
    await insertTicket(t.db, { assigneeId: z.id, status: 'open', deletedAt: new Date() })
    expect((await put([{ name: 'balanced', assigneeIds: [x.id, y.id, z.id], strategy: 'least_loaded' }])).statusCode).toBe(200)
    expect((await create({})).assigneeId).toBe(z.id)
    for (let i = 0; i < 4; i++) await create({})
    const load = await t.db.selectFrom('tickets').select(['assigneeId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('assigneeId', 'in', [x.id, y.id, z.id]).where('status', 'in', ['new', 'open', 'pending']).where('deletedAt', 'is', null)
      .groupBy('assigneeId').execute()
    expect(Object.fromEntries(load.map((r) => [r.assigneeId, Number(r.n)]))).toEqual({ [x.id]: 3, [y.id]: 3, [z.id]: 3 })
  })

  it('keeps a rule’s rotation when the list is saved again with the rule’s id', async () => {
    const saved = json(await put([{ name: 'rr', assigneeIds: [u.a1.id, u.a2.id, u.a3.id] }])).items[0]
    const first = (await create({})).assigneeId
    await put([{ id: saved.id, name: 'rr renamed', assigneeIds: [u.a1.id, u.a2.id, u.a3.id] }])
    const second = (await create({})).assigneeId
    expect(second).not.toBe(first)
    expectProblem(await put([{ id: '0190a000-0000-7000-8000-000000000000', name: 'x', assigneeIds: [u.a1.id] }]), 400, ['items.0.id'])
  })
})
