import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertTeam, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { importApi } from './imports.test-support'
import { NO_PASSWORD } from './users-import'

let t: TestApp
let api: ReturnType<typeof importApi>
let admin: AuthHeaders
let manager: AuthHeaders
let northId: string

beforeAll(async () => {
  t = await createTestApp()
  api = importApi(t)
  northId = (await insertTeam(t.db, { name: 'North' })).id
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  manager = await sessionFor(t, (await insertUser(t.db, { role: 'manager', teamId: northId, name: 'Mia Manager', email: 'mia@kith.test' })).id)
  await insertUser(t.db, { role: 'sales', email: 'taken@kith.test' })
})
afterAll(() => t.close())

const usersIn = (emails: string[]) =>
  t.db.selectFrom('users').leftJoin('teams', 'teams.id', 'users.teamId').select(['users.id', 'users.email', 'users.role', 'users.active', 'users.passwordHash', 'teams.name as team'])
    .where('users.email', 'in', emails).where('users.deletedAt', 'is', null).orderBy('users.email').execute()
const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } })

describe('a users import', () => {
  const csv = [
    'name,email,role,team,manager',
    'Zhang Wei,zhang.wei@kith.test,销售,华东团队,',
    'Li Na,li.na@kith.test,manager,华东团队,',
    'Wang Fang,wang.fang@kith.test,sales,,li.na@kith.test',
    'Chen Jie,chen.jie@kith.test,support,,Mia Manager',
    'Bad Boss,bad.boss@kith.test,sales,South,Mia Manager',
    'Taken,TAKEN@kith.test,sales,,',
    'Nobody,nobody@kith.test,,,Ghost',
  ].join('\n')
  const emails = ['zhang.wei@kith.test', 'li.na@kith.test', 'wang.fang@kith.test', 'chen.jie@kith.test', 'bad.boss@kith.test', 'nobody@kith.test']

  it('creates inactive users without a usable password, their missing teams, and puts them in their manager’s team; undo takes them back', async () => {
    const a = (await api.analyze(admin, 'users', { name: 'team.csv', data: Buffer.from(csv) })).json()
    expect(a.proposedMapping).toEqual({ name: 'name', email: 'email', role: 'role', team: 'team', manager: 'manager' })
    expect(a.proposedValueMapping.role).toEqual({ 销售: 'sales', manager: 'manager', sales: 'sales', support: 'support' })

    const dry = await api.run(admin, a.id, { entity: 'users', dryRun: true })
    expect(dry).toMatchObject({ status: 'dry_run_done', counts: { created: 4, invalid: 3 } })
    expect(dry.rowErrors.map((e: any) => [e.row, e.errors.map((x: any) => x.path), e.errors[0].message])).toEqual([
      [6, ['manager'], expect.stringContaining('manages another team')],
      [7, ['email'], expect.stringContaining('taken@kith.test exists')],
      [8, ['manager'], expect.stringContaining('No user "Ghost"')],
    ])
    expect(await usersIn(emails)).toEqual([])

    expect(await api.run(admin, a.id, { entity: 'users', skipInvalid: true })).toMatchObject({ status: 'completed', counts: { created: 4, invalid: 3 } })
    const users = await usersIn(emails)
    expect(users.map((u) => [u.email, u.role, u.team, u.active, u.passwordHash])).toEqual([
      ['chen.jie@kith.test', 'support', 'North', false, NO_PASSWORD],
      ['li.na@kith.test', 'manager', '华东团队', false, NO_PASSWORD],
      ['wang.fang@kith.test', 'sales', '华东团队', false, NO_PASSWORD],
      ['zhang.wei@kith.test', 'sales', '华东团队', false, NO_PASSWORD],
    ])
    // One 华东团队 for all three rows; South was named only by a rejected row.
    expect((await t.db.selectFrom('teams').select('name').where('deletedAt', 'is', null).orderBy('name').execute()).map((r) => r.name)).toEqual(['North', '华东团队'])
    expect((await login('zhang.wei@kith.test', NO_PASSWORD)).statusCode).toBe(401)

    // An admin activates one when he starts, setting his first password.
    const liNa = users.find((u) => u.email === 'li.na@kith.test')!
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${liNa.id}`, headers: admin, payload: { version: 1, active: true, password: 'a first password 123' } })
    expect(patch.statusCode, patch.body).toBe(200)
    expect((await login('li.na@kith.test', 'a first password 123')).statusCode).toBe(200)

    const undo = (await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/undo`, headers: admin })).json()
    const east = await t.db.selectFrom('teams').select(['id', 'deletedAt']).where('name', '=', '华东团队').executeTakeFirstOrThrow()
    expect(undo).toEqual({ removed: 3, restored: 0, notUndone: [{ row: 3, entityId: liNa.id, reason: expect.any(String) }, { row: -2, entityId: east.id, reason: 'Still has users' }] })
    expect((await usersIn(emails)).map((u) => [u.email, u.team])).toEqual([['li.na@kith.test', '华东团队']])
    expect(east.deletedAt).toBeNull()
  })

  it('a team of 35 agents and their manager is one upload', async () => {
    const rows = ['name,email,role,team', 'Team Lead,lead@west.test,manager,West', ...Array.from({ length: 35 }, (_, i) => `Agent ${i + 1},agent${i + 1}@west.test,sales,West`)]
    const res = await api.upload(admin, { entity: 'users', mode: 'skip-duplicates', dedupeBy: 'email' }, { name: 'west.csv', data: Buffer.from(rows.join('\n')) })
    expect(res.statusCode, res.body).toBe(202)
    await t.services.jobs.drain('import')
    expect(await api.status(admin, res.json().id)).toMatchObject({ status: 'completed', counts: { created: 36 } })
    const west = await t.db.selectFrom('users').innerJoin('teams', 'teams.id', 'users.teamId').select('users.role').where('teams.name', '=', 'West').execute()
    expect(west).toHaveLength(36)
  })

  it('only admins import users; users are never updated by an import', async () => {
    expectProblem(await api.analyze(manager, 'users', { name: 'u.csv', data: Buffer.from('name,email\nX,x@kith.test\n') }), 403)
    const a = (await api.analyze(admin, 'users', { name: 'u.csv', data: Buffer.from('name,email\nX,x@kith.test\n') })).json()
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/start`, headers: admin, payload: { entity: 'users', mode: 'upsert', dedupeBy: 'email' } }), 400, ['mode'])
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/start`, headers: admin, payload: { entity: 'users', mode: 'skip-duplicates', dedupeBy: 'name' } }), 400, ['dedupeBy'])
  })
})
