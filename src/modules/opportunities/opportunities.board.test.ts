import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertOpportunity, insertTeam, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'

let t: TestApp
let api: ReturnType<typeof http>
let teamA: string
let teamB: string
const u = {} as Record<'admin' | 'managerA' | 'repA1' | 'repA2' | 'repB' | 'support' | 'marketing', { id: string; teamId: string | null }>
const as = {} as Record<keyof typeof u, AuthHeaders>
const deal = {} as Record<string, string>

interface Column { stage: string; count: number; totals: { currency: string; amount: string }[]; items: { id: string; name: string; expectedCloseDate: string | null }[] }
const board = async (who: keyof typeof u, query = '') => {
  const res = await api.get(`/api/v1/opportunities/board${query ? `?${query}` : ''}`, as[who])
  expect(res.statusCode, res.body).toBe(200)
  return json<{ columns: Column[] }>(res).columns
}
const col = (columns: Column[], stage: string) => columns.find((c) => c.stage === stage)!
const names = (c: Column) => c.items.map((i) => i.name)

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  teamA = (await insertTeam(t.db)).id
  teamB = (await insertTeam(t.db)).id
  u.admin = await insertUser(t.db, { role: 'admin' })
  u.managerA = await insertUser(t.db, { role: 'manager', teamId: teamA })
  u.repA1 = await insertUser(t.db, { role: 'sales', teamId: teamA })
  u.repA2 = await insertUser(t.db, { role: 'sales', teamId: teamA })
  u.repB = await insertUser(t.db, { role: 'sales', teamId: teamB })
  u.support = await insertUser(t.db, { role: 'support', teamId: teamA })
  u.marketing = await insertUser(t.db, { role: 'marketing', teamId: teamA })
  for (const k of Object.keys(u) as (keyof typeof u)[]) as[k] = await sessionFor(t, u[k].id)

  const customer = (await insertCustomer(t.db, { ownerId: u.admin.id })).id
  const add = async (name: string, owner: keyof typeof u, stage: string, amount: string, extra: { currency?: string; expectedCloseDate?: string | null; teamId?: string | null; deletedAt?: Date } = {}) => {
    deal[name] = (await insertOpportunity(t.db, customer, { name, ownerId: u[owner].id, stage, amount, lostReason: stage === 'lost' ? 'x' : null, ...extra })).id
  }
  await add('A1-q-mar', 'repA1', 'qualification', '0.10', { expectedCloseDate: '2026-03-20' })
  await add('A1-q-feb', 'repA1', 'qualification', '0.20', { expectedCloseDate: '2026-02-10' })
  await add('A1-q-none', 'repA1', 'qualification', '0.30', { expectedCloseDate: null })
  await add('A2-q-mar', 'repA2', 'qualification', '1000.05', { expectedCloseDate: '2026-03-01' })
  await add('A2-q-usd', 'repA2', 'qualification', '99.99', { currency: 'USD', expectedCloseDate: '2026-03-02' })
  await add('A2-q-jpy', 'repA2', 'qualification', '5000', { currency: 'JPY', expectedCloseDate: '2026-03-03' })
  await add('A1-won', 'repA1', 'won', '300.00', { expectedCloseDate: '2026-01-15' })
  await add('A1-lost', 'repA1', 'lost', '40.00', { expectedCloseDate: '2026-03-31' })
  await add('B-prop', 'repB', 'proposal', '777.77', { expectedCloseDate: '2026-03-05' })
  // Owned by a rep of team A but stamped with team B (he moved teams): both see it, each once.
  await add('A1-in-B', 'repA1', 'proposal', '1.00', { teamId: teamB, expectedCloseDate: '2026-04-01' })
  await add('A1-deleted', 'repA1', 'qualification', '5000.00', { deletedAt: new Date() })
})
afterAll(() => t.close())

describe('the board', () => {
  it('has one column per stage in pipeline order, empty ones included', async () => {
    const columns = await board('admin')
    expect(columns.map((c) => c.stage)).toEqual(['qualification', 'needs_analysis', 'proposal', 'negotiation', 'won', 'lost'])
    expect(col(columns, 'negotiation')).toEqual({ stage: 'negotiation', count: 0, totals: [], items: [] })
  })

  it('counts, exact per-currency totals and items ordered by expected close date (none last), deleted deals left out', async () => {
    const q = col(await board('admin'), 'qualification')
    expect(q.count).toBe(6)
    expect(q.totals).toEqual([
      { currency: 'CNY', amount: '1000.65' }, // 0.10 + 0.20 + 0.30 + 1000.05, exactly
      { currency: 'JPY', amount: '5000' },
      { currency: 'USD', amount: '99.99' },
    ])
    expect(names(q)).toEqual(['A1-q-feb', 'A2-q-mar', 'A2-q-usd', 'A2-q-jpy', 'A1-q-mar', 'A1-q-none'])
    expect(q.items[0]).toMatchObject({ id: deal['A1-q-feb'], amount: '0.20', currency: 'CNY', ownerId: u.repA1.id, customerName: expect.any(String) })
    expect(q.items[0]).not.toHaveProperty('lines')
  })

  it('perStage limits the items, not the count or the totals', async () => {
    const q = col(await board('admin', 'perStage=2'), 'qualification')
    expect(q).toMatchObject({ count: 6, totals: expect.arrayContaining([{ currency: 'CNY', amount: '1000.65' }]) })
    expect(names(q)).toEqual(['A1-q-feb', 'A2-q-mar'])
    expectProblem(await api.get('/api/v1/opportunities/board?perStage=0', as.admin), 400, ['perStage'])
    expectProblem(await api.get('/api/v1/opportunities/board?perStage=201', as.admin), 400, ['perStage'])
  })

  it('shows each caller only what he may see, each deal once', async () => {
    const a1 = await board('repA1')
    expect(col(a1, 'qualification').count).toBe(6) // his and his teammate's
    expect(names(col(a1, 'proposal'))).toEqual(['A1-in-B']) // his own, though stamped team B; not B-prop
    expect(col(a1, 'proposal').totals).toEqual([{ currency: 'CNY', amount: '1.00' }])
    const b = await board('repB')
    expect(names(col(b, 'proposal'))).toEqual(['B-prop', 'A1-in-B'])
    expect(col(b, 'proposal').count).toBe(2)
    expect(col(b, 'qualification').count).toBe(0)
    expect(col(await board('managerA'), 'won').count).toBe(1)
    // Support and marketing read everything.
    expect(col(await board('support'), 'proposal').count).toBe(2)
    expect(col(await board('marketing'), 'qualification').count).toBe(6)
  })

  it('a rep without a team sees his own deals, whatever team they carry, once each', async () => {
    const loner = await insertUser(t.db, { role: 'sales', teamId: null })
    const asLoner = await sessionFor(t, loner.id)
    const customer = (await insertCustomer(t.db)).id
    await insertOpportunity(t.db, customer, { name: 'L-none-b', ownerId: loner.id, teamId: null, stage: 'needs_analysis', amount: '2.00', expectedCloseDate: '2026-06-02' })
    await insertOpportunity(t.db, customer, { name: 'L-A', ownerId: loner.id, teamId: teamA, stage: 'needs_analysis', amount: '3.00', expectedCloseDate: '2026-06-01' })
    await insertOpportunity(t.db, customer, { name: 'L-none-a', ownerId: loner.id, teamId: null, stage: 'needs_analysis', amount: '4.00', expectedCloseDate: null })
    const res = await api.get('/api/v1/opportunities/board', asLoner)
    const columns = json<{ columns: Column[] }>(res).columns
    expect(col(columns, 'needs_analysis')).toMatchObject({ count: 3, totals: [{ currency: 'CNY', amount: '9.00' }] })
    expect(names(col(columns, 'needs_analysis'))).toEqual(['L-A', 'L-none-b', 'L-none-a'])
    expect(columns.filter((c) => c.stage !== 'needs_analysis').every((c) => c.count === 0)).toBe(true)
    // His team-A deal is on team A's board too (once), the teamless ones are not.
    expect(names(col(await board('repA1'), 'needs_analysis'))).toEqual(['L-A'])
  })

  it('filters by owner, team and close month', async () => {
    const mine = await board('repA1', `ownerId=${u.repA1.id}`)
    expect(names(col(mine, 'qualification'))).toEqual(['A1-q-feb', 'A1-q-mar', 'A1-q-none'])
    expect(col(mine, 'qualification').totals).toEqual([{ currency: 'CNY', amount: '0.60' }])
    const teammates = await board('repA1', `ownerId=${u.repA2.id}`)
    expect(col(teammates, 'qualification').count).toBe(3)
    // Another team's owner: nothing he may see.
    expect((await board('repA1', `ownerId=${u.repB.id}`)).every((c) => c.count === 0 && c.items.length === 0)).toBe(true)
    const ofTeamB = await board('admin', `teamId=${teamB}`)
    expect(names(col(ofTeamB, 'proposal'))).toEqual(['B-prop', 'A1-in-B'])
    const march = await board('admin', 'closeMonth=2026-03')
    expect(names(col(march, 'qualification'))).toEqual(['A2-q-mar', 'A2-q-usd', 'A2-q-jpy', 'A1-q-mar'])
    expect(col(march, 'lost').count).toBe(1)
    expect(col(march, 'won').count).toBe(0)
    expect(col(await board('repA1', `closeMonth=2026-03&ownerId=${u.repA1.id}`), 'qualification').totals).toEqual([{ currency: 'CNY', amount: '0.10' }])
    expectProblem(await api.get('/api/v1/opportunities/board?closeMonth=2026-3', as.admin), 400, ['closeMonth'])
    expect((await api.get('/api/v1/opportunities/board?closeMonth=9999-12', as.admin)).statusCode).toBe(200)
  })

  it('follows stage changes and reassignment at once', async () => {
    const id = (await insertOpportunity(t.db, (await insertCustomer(t.db)).id, { name: 'Mover', ownerId: u.repA2.id, stage: 'qualification', amount: '10.00' })).id
    expect((await api.patch(`/api/v1/opportunities/${id}`, { version: 1, stage: 'negotiation' }, as.repA1)).statusCode).toBe(200)
    expect(names(col(await board('repA1'), 'negotiation'))).toEqual(['Mover'])
    expect((await api.post('/api/v1/opportunities/assign', { ids: [id], ownerId: u.repB.id }, as.admin)).statusCode).toBe(200)
    expect(col(await board('repA1'), 'negotiation').count).toBe(0)
    expect(names(col(await board('repB'), 'negotiation'))).toEqual(['Mover'])
  })

  it('needs a signed-in user', async () => {
    expectProblem(await api.get('/api/v1/opportunities/board'), 401)
  })
})

describe('history', () => {
  it('lists creation, stage, owner and amount changes with actor and time, newest first', async () => {
    const customer = (await insertCustomer(t.db, { ownerId: u.repA1.id, teamId: teamA })).id
    const created = json(await api.post('/api/v1/opportunities', { customerId: customer, name: 'Storied deal', amount: '100' }, as.repA1))
    const id = created.id
    let v = 1
    const patch = async (body: object, who: keyof typeof u = 'repA1') => {
      const res = await api.patch(`/api/v1/opportunities/${id}`, { version: v, ...body }, as[who])
      expect(res.statusCode, res.body).toBe(200)
      v = json(res).version
    }
    await patch({ stage: 'proposal' })
    await patch({ name: 'Renamed', expectedCloseDate: '2026-05-01' }) // not part of the history
    await patch({ ownerId: u.repA2.id }, 'managerA')
    await patch({ amount: '150.5', stage: 'negotiation' }, 'managerA')
    expect((await api.post('/api/v1/opportunities/assign', { ids: [id], ownerId: u.repA1.id }, as.managerA)).statusCode).toBe(200)

    const res = await api.get(`/api/v1/opportunities/${id}/history`, as.repA1)
    expect(res.statusCode).toBe(200)
    const items = json(res).items as { id: string; at: string; actorId: string; actorName: string; field: string; before: string | null; after: string | null }[]
    const users = await t.db.selectFrom('users').select(['id', 'name']).execute()
    const nameOf = (id: string) => users.find((x) => x.id === id)!.name
    expect(items.map(({ field, before, after, actorId }) => ({ field, before, after, actorId }))).toEqual([
      { field: 'ownerId', before: u.repA2.id, after: u.repA1.id, actorId: u.managerA.id },
      { field: 'stage', before: 'proposal', after: 'negotiation', actorId: u.managerA.id },
      { field: 'amount', before: '100.00', after: '150.50', actorId: u.managerA.id },
      { field: 'ownerId', before: u.repA1.id, after: u.repA2.id, actorId: u.managerA.id },
      { field: 'stage', before: 'qualification', after: 'proposal', actorId: u.repA1.id },
      { field: 'created', before: null, after: 'qualification', actorId: u.repA1.id },
    ])
    expect(items.every((i) => i.actorName === nameOf(i.actorId))).toBe(true)
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length)
    const times = items.map((i) => Date.parse(i.at))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
  })

  it('is visible to whoever sees the deal, and a 404 to others', async () => {
    const id = deal['B-prop']!
    expect((await api.get(`/api/v1/opportunities/${id}/history`, as.repB)).statusCode).toBe(200)
    expectProblem(await api.get(`/api/v1/opportunities/${id}/history`, as.repA1), 404)
    expectProblem(await api.get(`/api/v1/opportunities/${deal['A1-deleted']}/history`, as.admin), 404)
  })
})
