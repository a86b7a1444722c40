import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertTeam, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'

let t: TestApp
let api: ReturnType<typeof http>
let asAdmin: AuthHeaders
const as = {} as Record<'manager' | 'sales' | 'support' | 'marketing', AuthHeaders>

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  asAdmin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  for (const role of ['manager', 'sales', 'support', 'marketing'] as const) as[role] = await sessionFor(t, (await insertUser(t.db, { role })).id)
})
afterAll(() => t.close())

const teamRow = (id: string) => t.db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst()

describe('teams', () => {
  it('an admin creates, renames and lists teams with their member counts', async () => {
    const res = await api.post('/api/v1/teams', { name: ' 华东销售部 ' }, asAdmin)
    expect(res.statusCode).toBe(201)
    const team = json(res)
    expect(res.headers.location).toBe(`/api/v1/teams/${team.id}`)
    expect(team).toMatchObject({ name: '华东销售部', version: 1, memberCount: 0 })
    await insertUser(t.db, { teamId: team.id })
    await insertUser(t.db, { teamId: team.id })
    const renamed = await api.patch(`/api/v1/teams/${team.id}`, { version: 1, name: '华东大区' }, asAdmin)
    expect(json(renamed)).toMatchObject({ name: '华东大区', version: 2, memberCount: 2 })
    const listed = json(await api.get('/api/v1/teams', as.sales)).items
    expect(listed).toContainEqual(expect.objectContaining({ id: team.id, name: '华东大区', memberCount: 2 }))
    expect(json(await api.get(`/api/v1/teams/${team.id}`, as.marketing)).memberCount).toBe(2)
    const audit = await t.db.selectFrom('auditLog').select(['action', 'changes']).where('entityId', '=', team.id).orderBy('at').execute()
    expect(audit).toEqual([
      { action: 'create', changes: { name: '华东销售部' } },
      { action: 'update', changes: { name: { before: '华东销售部', after: '华东大区' } } },
    ])
  })

  describe.each(['manager', 'sales', 'support', 'marketing'] as const)('as %s', (role) => {
    it('may read teams but not create, rename or delete them (403, nothing written)', async () => {
      const team = await insertTeam(t.db, { name: `Kept by ${role}` })
      expect((await api.get('/api/v1/teams', as[role])).statusCode).toBe(200)
      expect((await api.get(`/api/v1/teams/${team.id}`, as[role])).statusCode).toBe(200)
      expectProblem(await api.post('/api/v1/teams', { name: `Made by ${role}` }, as[role]), 403)
      expectProblem(await api.patch(`/api/v1/teams/${team.id}`, { version: 1, name: 'Renamed' }, as[role]), 403)
      expectProblem(await api.del(`/api/v1/teams/${team.id}`, as[role]), 403)
      expect(await t.db.selectFrom('teams').select('id').where('name', '=', `Made by ${role}`).execute()).toEqual([])
      expect(await teamRow(team.id)).toMatchObject({ name: `Kept by ${role}`, version: 1, deletedAt: null })
    })
  })

  it('a name in use (in any case) is a 409, on create and on rename', async () => {
    await insertTeam(t.db, { name: 'North' })
    const south = await insertTeam(t.db, { name: 'South' })
    expectProblem(await api.post('/api/v1/teams', { name: 'NORTH' }, asAdmin), 409)
    expectProblem(await api.patch(`/api/v1/teams/${south.id}`, { version: 1, name: 'north' }, asAdmin), 409)
    expect((await teamRow(south.id))!.name).toBe('South')
    expect((await api.patch(`/api/v1/teams/${south.id}`, { version: 1, name: 'SOUTH' }, asAdmin)).statusCode).toBe(200)
  })

  it('a stale version is a 409 with the current team', async () => {
    const team = await insertTeam(t.db, { name: 'Versioned' })
    expect((await api.patch(`/api/v1/teams/${team.id}`, { version: 1, name: 'Versioned 2' }, asAdmin)).statusCode).toBe(200)
    const stale = expectProblem(await api.patch(`/api/v1/teams/${team.id}`, { version: 1, name: 'Versioned 3' }, asAdmin), 409)
    expect(stale.current).toMatchObject({ id: team.id, name: 'Versioned 2', version: 2 })
    expect((await teamRow(team.id))!.name).toBe('Versioned 2')
  })

  it('a team with members cannot be deleted (409); once empty it can, and its name is free again', async () => {
    const team = await insertTeam(t.db, { name: 'Closing' })
    const member = await insertUser(t.db, { teamId: team.id })
    expectProblem(await api.del(`/api/v1/teams/${team.id}`, asAdmin), 409)
    expect((await teamRow(team.id))!.deletedAt).toBeNull()
    expect((await api.patch(`/api/v1/users/${member.id}`, { version: 1, teamId: null }, asAdmin)).statusCode).toBe(200)
    expect((await api.del(`/api/v1/teams/${team.id}`, asAdmin)).statusCode).toBe(204)
    expectProblem(await api.get(`/api/v1/teams/${team.id}`, asAdmin), 404)
    expectProblem(await api.del(`/api/v1/teams/${team.id}`, asAdmin), 404)
    expect(json(await api.get('/api/v1/teams', asAdmin)).items.map((i: { id: string }) => i.id)).not.toContain(team.id)
    expect((await api.post('/api/v1/teams', { name: 'Closing' }, asAdmin)).statusCode).toBe(201)
    // A deleted team cannot be given new members.
    expectProblem(await api.patch(`/api/v1/users/${member.id}`, { version: 2, teamId: team.id }, asAdmin), 400, ['teamId'])
  })

  it('refuses bad input', async () => {
    expectProblem(await api.post('/api/v1/teams', { name: '' }, asAdmin), 400, ['name'])
    expectProblem(await api.post('/api/v1/teams', { name: 'x'.repeat(101) }, asAdmin), 400, ['name'])
    expectProblem(await api.post('/api/v1/teams', { name: 'Fine', lead: 'me' }, asAdmin), 400, ['lead'])
    expectProblem(await api.patch('/api/v1/teams/0190a000-0000-7000-8000-000000000000', { version: 1, name: 'Ghost' }, asAdmin), 404)
  })
})
