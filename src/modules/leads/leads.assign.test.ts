import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertLead, insertTeam, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let manager: AuthHeaders
let sales: AuthHeaders
let teamA: string
let teamB: string
const u = {} as Record<'manager' | 'sales' | 'rep' | 'inactive' | 'outsider', { id: string }>

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  teamA = (await insertTeam(t.db)).id
  teamB = (await insertTeam(t.db)).id
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  u.manager = await insertUser(t.db, { role: 'manager', teamId: teamA })
  u.sales = await insertUser(t.db, { role: 'sales', teamId: teamA })
  u.rep = await insertUser(t.db, { role: 'sales', teamId: teamA })
  u.inactive = await insertUser(t.db, { role: 'sales', teamId: teamA, active: false })
  u.outsider = await insertUser(t.db, { role: 'sales', teamId: teamB })
  manager = await sessionFor(t, u.manager.id)
  sales = await sessionFor(t, u.sales.id)
})
afterAll(() => t.close())

const owners = async (ids: string[]) =>
  Object.fromEntries((await t.db.selectFrom('leads').select(['id', 'ownerId', 'version']).where('id', 'in', ids).execute()).map((r) => [r.id, [r.ownerId, r.version]]))
const auditCount = async () => (await t.db.selectFrom('auditLog').select('id').execute()).length

describe('POST /leads/assign', () => {
  it('a manager hands his team’s leads to a teammate: one audit row a lead, the new owner sees them', async () => {
    const leads = await Promise.all([0, 1, 2].map(() => insertLead(t.db, { ownerId: u.sales.id })))
    const res = await api.post('/api/v1/leads/assign', { ids: leads.map((l) => l.id), ownerId: u.rep.id }, manager)
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res).items.map((l: { ownerId: string; version: number }) => [l.ownerId, l.version])).toEqual(leads.map(() => [u.rep.id, 2]))
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entityId', 'in', leads.map((l) => l.id)).where('action', '=', 'assign').execute()
    expect(audit).toHaveLength(3)
    expect(audit[0]!.changes).toEqual({ ownerId: { before: u.sales.id, after: u.rep.id } })
    const asRep = await sessionFor(t, u.rep.id)
    expect((await api.get(`/api/v1/leads/${leads[0]!.id}`, asRep)).statusCode).toBe(200)
  })

  it('an admin may hand leads to another team; the old team no longer sees them', async () => {
    const lead = await insertLead(t.db, { ownerId: u.sales.id })
    expect((await api.post('/api/v1/leads/assign', { ids: [lead.id], ownerId: u.outsider.id }, admin)).statusCode).toBe(200)
    expect(await owners([lead.id])).toEqual({ [lead.id]: [u.outsider.id, 2] })
    expectProblem(await api.get(`/api/v1/leads/${lead.id}`, sales), 404)
  })

  const refusals: [string, () => Promise<{ ids: string[]; ownerId: string; as: AuthHeaders; status: number; paths?: string[] }>][] = [
    ['a user outside the manager’s team → 403', async () => ({ ids: [(await insertLead(t.db, { ownerId: u.sales.id })).id], ownerId: u.outsider.id, as: manager, status: 403 })],
    ['an inactive user → 400 on ownerId', async () => ({ ids: [(await insertLead(t.db, { ownerId: u.sales.id })).id], ownerId: u.inactive.id, as: admin, status: 400, paths: ['ownerId'] })],
    ['an unknown user → 400 on ownerId', async () => ({ ids: [(await insertLead(t.db, { ownerId: u.sales.id })).id], ownerId: '0190a000-0000-7000-8000-000000000000', as: manager, status: 400, paths: ['ownerId'] })],
    ['one lead of another team among his own → 404', async () => ({ ids: [(await insertLead(t.db, { ownerId: u.sales.id })).id, (await insertLead(t.db, { ownerId: u.outsider.id })).id], ownerId: u.rep.id, as: manager, status: 404 })],
    ['one deleted lead among them → 404', async () => ({ ids: [(await insertLead(t.db, { ownerId: u.sales.id })).id, (await insertLead(t.db, { ownerId: u.sales.id, deletedAt: new Date() })).id], ownerId: u.rep.id, as: manager, status: 404 })],
    ['one converted lead among them → 409', async () => ({ ids: [(await insertLead(t.db, { ownerId: u.sales.id })).id, (await insertLead(t.db, { ownerId: u.sales.id, status: 'converted' })).id], ownerId: u.rep.id, as: manager, status: 409 })],
    ['a sales rep, even to himself → 403', async () => ({ ids: [(await insertLead(t.db, { ownerId: u.rep.id })).id], ownerId: u.sales.id, as: sales, status: 403 })],
  ]
  it.each(refusals)('refuses %s, and changes nothing', async (_label, make) => {
    const c = await make()
    const before = await owners(c.ids)
    const audit = await auditCount()
    expectProblem(await api.post('/api/v1/leads/assign', { ids: c.ids, ownerId: c.ownerId }, c.as), c.status, c.paths)
    expect(await owners(c.ids)).toEqual(before)
    expect(await auditCount()).toBe(audit)
  })

  it('validates the body', async () => {
    expectProblem(await api.post('/api/v1/leads/assign', { ids: [], ownerId: 'x' }, admin), 400, ['ids', 'ownerId'])
    expectProblem(await api.post('/api/v1/leads/assign', { ids: Array(501).fill('0190a000-0000-7000-8000-000000000000'), ownerId: u.rep.id }, admin), 400, ['ids'])
  })
})

describe('lead routing (round-robin)', () => {
  it('is read by admins and managers and set by admins only, with a team when enabled', async () => {
    expect(json(await api.get('/api/v1/lead-routing', manager))).toEqual({ enabled: false, teamId: null })
    expectProblem(await api.get('/api/v1/lead-routing', sales), 403)
    expectProblem(await t.app.inject({ method: 'PUT', url: '/api/v1/lead-routing', headers: manager, payload: { enabled: true, teamId: teamA } }), 403)
    expectProblem(await t.app.inject({ method: 'PUT', url: '/api/v1/lead-routing', headers: admin, payload: { enabled: true, teamId: null } }), 400, ['teamId'])
    expectProblem(await t.app.inject({ method: 'PUT', url: '/api/v1/lead-routing', headers: admin, payload: { enabled: true, teamId: '0190a000-0000-7000-8000-000000000000' } }), 400, ['teamId'])
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/lead-routing', headers: admin, payload: { enabled: true, teamId: teamB } })
    expect(json(put)).toEqual({ enabled: true, teamId: teamB })
    expect(json(await api.get('/api/v1/lead-routing', admin))).toEqual({ enabled: true, teamId: teamB })
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entity', '=', 'lead_routing').execute()
    expect(audit).toHaveLength(1)
  })

  it('with routing on, an admin or manager creating an unowned lead deals it to the team; a sales rep may not', async () => {
    await t.app.inject({ method: 'PUT', url: '/api/v1/lead-routing', headers: admin, payload: { enabled: true, teamId: teamB } })
    const byManager = await api.post('/api/v1/leads', { name: 'Unowned by manager', ownerId: null }, manager)
    expect(byManager.statusCode, byManager.body).toBe(201)
    expect(json(byManager)).toMatchObject({ ownerId: u.outsider.id, teamId: teamB })
    expectProblem(await api.post('/api/v1/leads', { name: 'Unowned by sales', ownerId: null }, sales), 403)
    await t.app.inject({ method: 'PUT', url: '/api/v1/lead-routing', headers: admin, payload: { enabled: false, teamId: null } })
    expectProblem(await api.post('/api/v1/leads', { name: 'Unowned by manager, routing off', ownerId: null }, manager), 403)
    expect(json(await api.post('/api/v1/leads', { name: 'Unowned by admin', ownerId: null }, admin))).toMatchObject({ ownerId: null })
  })

  it('is fair: 1,000 leads over 7 active sales users give each 142 or 143, in turn; others of the team get none', async () => {
    const team = (await insertTeam(t.db)).id
    const reps = []
    for (let i = 0; i < 7; i++) reps.push(await insertUser(t.db, { role: 'sales', teamId: team }))
    await insertUser(t.db, { role: 'sales', teamId: team, active: false })
    await insertUser(t.db, { role: 'manager', teamId: team })
    await insertUser(t.db, { role: 'support', teamId: team })
    await t.app.inject({ method: 'PUT', url: '/api/v1/lead-routing', headers: admin, payload: { enabled: true, teamId: team } })
    for (let i = 0; i < 1000; i++) await t.services.leads.submitPublic({ name: `RR ${i}` }, { requestId: `rr-${i}` })
    const rows = await t.db.selectFrom('leads').select(['ownerId', 'name']).where('name', 'like', 'RR %').orderBy('createdAt').orderBy('id').execute()
    expect(rows).toHaveLength(1000)
    const per = new Map<string, number>()
    for (const r of rows) per.set(r.ownerId!, (per.get(r.ownerId!) ?? 0) + 1)
    expect([...per.keys()].sort()).toEqual(reps.map((r) => r.id).sort())
    expect([...per.values()].sort()).toEqual([142, 143, 143, 143, 143, 143, 143])
    // Never the same person twice in a row.
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.ownerId).not.toBe(rows[i - 1]!.ownerId)
    await t.app.inject({ method: 'PUT', url: '/api/v1/lead-routing', headers: admin, payload: { enabled: false, teamId: null } })
  }, 120_000)
})
