import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertOpportunity, insertTeam, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'

let t: TestApp
let api: ReturnType<typeof http>
let teamA: string
let teamB: string
let customerId: string
const u = {} as Record<'admin' | 'managerA' | 'repA1' | 'repA2' | 'repB' | 'inactiveA' | 'sales' | 'support', { id: string; teamId: string | null }>
const as = {} as Record<keyof typeof u, AuthHeaders>

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
  u.inactiveA = await insertUser(t.db, { role: 'sales', teamId: teamA, active: false })
  u.sales = u.repA1
  u.support = await insertUser(t.db, { role: 'support', teamId: teamA })
  for (const k of Object.keys(u) as (keyof typeof u)[]) if (k !== 'inactiveA') as[k] = await sessionFor(t, u[k].id)
  customerId = (await insertCustomer(t.db, { ownerId: u.admin.id })).id
})
afterAll(() => t.close())

const deals = async (owner: keyof typeof u, n: number) => {
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push((await insertOpportunity(t.db, customerId, { ownerId: u[owner].id })).id)
  return out
}
/** Everything a refused assignment could have touched. */
const snapshot = async (ids: string[]) =>
  JSON.stringify({
    rows: await t.db.selectFrom('opportunities').select(['id', 'ownerId', 'teamId', 'version', 'updatedAt']).where('id', 'in', ids).orderBy('id').execute(),
    audit: await t.db.selectFrom('auditLog').select('id').where('entityId', 'in', ids).execute(),
  })
const assign = (ids: string[], ownerId: string, who: keyof typeof u) => api.post('/api/v1/opportunities/assign', { ids, ownerId }, as[who])

describe('bulk assignment', () => {
  it('an admin moves deals of several owners to a rep of another team: each audited, the new owner sees them at once, the old ones no longer', async () => {
    const a1 = await deals('repA1', 2)
    const a2 = await deals('repA2', 1)
    const res = await assign([...a1, ...a2, a1[0]!], u.repB.id, 'admin')
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res).items.map((i: { id: string; ownerId: string; teamId: string; version: number }) => [i.id, i.ownerId, i.teamId, i.version])).toEqual(
      [...a1, ...a2].map((id) => [id, u.repB.id, teamB, 2]),
    )
    for (const id of [...a1, ...a2]) {
      expect((await api.get(`/api/v1/opportunities/${id}`, as.repB)).statusCode).toBe(200)
      expect((await api.get(`/api/v1/opportunities/${id}`, as.repA1)).statusCode).toBe(404)
      const audit = await t.db.selectFrom('auditLog').selectAll().where('entityId', '=', id).execute()
      expect(audit).toEqual([expect.objectContaining({ action: 'update', actorId: u.admin.id, changes: expect.objectContaining({ ownerId: expect.objectContaining({ after: u.repB.id }), teamId: { before: teamA, after: teamB } }) })])
    }
  })

  it('within a team the old owner keeps seeing the deal through his team', async () => {
    const [id] = await deals('repA1', 1)
    expect((await assign([id!], u.repA2.id, 'managerA')).statusCode).toBe(200)
    expect(json(await api.get(`/api/v1/opportunities/${id}`, as.repA1))).toMatchObject({ ownerId: u.repA2.id, teamId: teamA })
  })

  it('a deal already owned by the new owner is left alone (no version bump, no audit row)', async () => {
    const [mine] = await deals('repA2', 1)
    const [other] = await deals('repA1', 1)
    const res = json(await assign([mine!, other!], u.repA2.id, 'managerA'))
    expect(res.items.map((i: { version: number }) => i.version)).toEqual([1, 2])
    expect(await t.db.selectFrom('auditLog').select('id').where('entityId', '=', mine!).execute()).toEqual([])
  })

  describe('refusals change nothing', () => {
    it.each([
      ['a manager, to a user outside his team', 'managerA', 'repB', 403, undefined],
      ['anyone, to an inactive user', 'admin', 'inactiveA', 400, ['ownerId']],
      ['a manager, to an inactive user of his team', 'managerA', 'inactiveA', 400, ['ownerId']],
      ['a sales rep, even to himself', 'sales', 'repA1', 403, undefined],
      ['support', 'support', 'support', 403, undefined],
    ] as const)('%s → %i', async (_label, who, to, status, paths) => {
      const ids = [...(await deals('repA1', 2)), ...(await deals('repA2', 1))]
      const before = await snapshot(ids)
      expectProblem(await assign(ids, u[to].id, who), status, paths as string[] | undefined)
      expect(await snapshot(ids)).toBe(before)
    })

    it('one deal of another team among his own: 404 for a manager, and the others stay put', async () => {
      const ids = [...(await deals('repA1', 2)), ...(await deals('repB', 1))]
      const before = await snapshot(ids)
      expectProblem(await assign(ids, u.repA2.id, 'managerA'), 404)
      expect(await snapshot(ids)).toBe(before)
    })

    it('a deleted or unknown deal among them: 404, nothing changed', async () => {
      const ids = await deals('repA1', 2)
      const gone = (await insertOpportunity(t.db, customerId, { ownerId: u.repA1.id, deletedAt: new Date() })).id
      for (const extra of [gone, '0190a000-0000-7000-8000-000000000000']) {
        const before = await snapshot([...ids, extra])
        expectProblem(await assign([...ids, extra], u.repA2.id, 'admin'), 404)
        expect(await snapshot([...ids, extra])).toBe(before)
      }
    })

    it('an unknown owner is a 400 on ownerId; bad bodies are 400s', async () => {
      const ids = await deals('repA1', 1)
      expectProblem(await assign(ids, '0190a000-0000-7000-8000-000000000000', 'admin'), 400, ['ownerId'])
      expectProblem(await api.post('/api/v1/opportunities/assign', { ids: [], ownerId: u.repA2.id }, as.admin), 400, ['ids'])
      expectProblem(await api.post('/api/v1/opportunities/assign', { ids: ['x'], ownerId: 'y' }, as.admin), 400, ['ids.0', 'ownerId'])
      expectProblem(await api.post('/api/v1/opportunities/assign', { ids, ownerId: u.repA2.id, version: 1 }, as.admin), 400, ['version'])
    })
  })
})
