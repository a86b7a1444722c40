import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertTeam, insertUser } from '../../test/factories'
import { expectProblem, http, ids } from '../../test/http'
import { systemContext } from '../../server/context'
import { AppError } from '../../server/errors'

let t: TestApp
let api: ReturnType<typeof http>
let admin: { id: string }
let asAdmin: AuthHeaders
const as = {} as Record<'manager' | 'sales' | 'support' | 'marketing', AuthHeaders>

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  admin = await insertUser(t.db, { role: 'admin', name: 'Admin' })
  asAdmin = await sessionFor(t, admin.id)
  for (const role of ['manager', 'sales', 'support', 'marketing'] as const) as[role] = await sessionFor(t, (await insertUser(t.db, { role })).id)
})
afterAll(() => t.close())

const userRow = (id: string) => t.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
const newUser = (over: object = {}) => ({ email: `new-${Math.random().toString(36).slice(2)}@example.com`, name: 'New Person', role: 'sales', password: 'a long enough password', ...over })

describe('users', () => {
  it('an admin creates a user: 201, Location, lower-cased e-mail, no password or hash in the reply, an audit row', async () => {
    const res = await api.post('/api/v1/users', newUser({ email: 'Mei.Han@Example.com', locale: 'zh-CN' }), asAdmin)
    expect(res.statusCode).toBe(201)
    const u = json(res)
    expect(res.headers.location).toBe(`/api/v1/users/${u.id}`)
    expect(u).toMatchObject({ email: 'mei.han@example.com', role: 'sales', active: true, locale: 'zh-CN', version: 1, createdBy: admin.id })
    expect(res.body).not.toContain('a long enough password')
    expect(u).not.toHaveProperty('passwordHash')
    expect((await userRow(u.id))!.passwordHash).toMatch(/^\$argon2id\$/)
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entityId', '=', u.id).execute()
    expect(audit).toEqual([expect.objectContaining({ action: 'create', entity: 'user', actorId: admin.id })])
    expect(JSON.stringify(audit)).not.toContain('a long enough password')
  })

  describe.each(['manager', 'sales', 'support', 'marketing'] as const)('as %s', (role) => {
    it('may list and read users but not create, change or delete them (403, nothing written)', async () => {
      const target = await insertUser(t.db, { name: `Target of ${role}` })
      expect((await api.get('/api/v1/users', as[role])).statusCode).toBe(200)
      expect(json(await api.get(`/api/v1/users/${target.id}`, as[role])).id).toBe(target.id)
      const email = `made-by-${role}@example.com`
      expectProblem(await api.post('/api/v1/users', newUser({ email, role: 'admin' }), as[role]), 403)
      expectProblem(await api.patch(`/api/v1/users/${target.id}`, { version: 1, role: 'admin' }, as[role]), 403)
      expectProblem(await api.del(`/api/v1/users/${target.id}`, as[role]), 403)
      expect(await t.db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([])
      expect(await userRow(target.id)).toMatchObject({ role: 'sales', version: 1, active: true, deletedAt: null })
    })
  })

  it('an e-mail already in use (in any case) is a 409, on create and on update', async () => {
    const existing = await insertUser(t.db, { email: 'taken@example.com' })
    expectProblem(await api.post('/api/v1/users', newUser({ email: 'TAKEN@example.com' }), asAdmin), 409)
    const other = await insertUser(t.db)
    expectProblem(await api.patch(`/api/v1/users/${other.id}`, { version: 1, email: 'Taken@Example.com' }, asAdmin), 409)
    expect((await userRow(other.id))!.email).toBe(other.email)
    // Keeping one's own address is no conflict.
    expect((await api.patch(`/api/v1/users/${existing.id}`, { version: 1, email: 'taken@example.com', name: 'Still me' }, asAdmin)).statusCode).toBe(200)
  })

  it('a stale version is a 409 with the current user', async () => {
    const u = await insertUser(t.db)
    expect(json(await api.patch(`/api/v1/users/${u.id}`, { version: 1, name: 'Renamed' }, asAdmin)).version).toBe(2)
    const stale = expectProblem(await api.patch(`/api/v1/users/${u.id}`, { version: 1, role: 'manager' }, asAdmin), 409)
    expect(stale.current).toMatchObject({ id: u.id, name: 'Renamed', version: 2, role: 'sales' })
    expect(stale.current).not.toHaveProperty('passwordHash')
    expect((await userRow(u.id))!.role).toBe('sales')
  })

  it('an unknown team is a 400 on teamId; an unknown or deleted user a 404', async () => {
    const u = await insertUser(t.db)
    expectProblem(await api.patch(`/api/v1/users/${u.id}`, { version: 1, teamId: '0190a000-0000-7000-8000-000000000000' }, asAdmin), 400, ['teamId'])
    expectProblem(await api.post('/api/v1/users', newUser({ teamId: '0190a000-0000-7000-8000-000000000000' }), asAdmin), 400, ['teamId'])
    expectProblem(await api.get('/api/v1/users/0190a000-0000-7000-8000-000000000000', asAdmin), 404)
    expectProblem(await api.patch('/api/v1/users/0190a000-0000-7000-8000-000000000000', { version: 1, name: 'x' }, asAdmin), 404)
    expect((await api.del(`/api/v1/users/${u.id}`, asAdmin)).statusCode).toBe(204)
    expectProblem(await api.get(`/api/v1/users/${u.id}`, asAdmin), 404)
    expectProblem(await api.del(`/api/v1/users/${u.id}`, asAdmin), 404)
  })

  it('deleting deactivates the account and ends its sessions; the row (and its name on records) stays', async () => {
    const u = await insertUser(t.db)
    const s = await sessionFor(t, u.id)
    expect((await api.del(`/api/v1/users/${u.id}`, asAdmin)).statusCode).toBe(204)
    expect(await userRow(u.id)).toMatchObject({ active: false, deletedAt: expect.any(Date) })
    expectProblem(await api.get('/api/v1/auth/me', s), 401)
  })

  it('a new password set by an admin signs the user out everywhere', async () => {
    const u = await insertUser(t.db)
    const s = await sessionFor(t, u.id)
    expect((await api.patch(`/api/v1/users/${u.id}`, { version: 1, password: 'reset by the admin' }, asAdmin)).statusCode).toBe(200)
    expectProblem(await api.get('/api/v1/auth/me', s), 401)
    const audit = await t.db.selectFrom('auditLog').select('changes').where('entityId', '=', u.id).where('action', '=', 'update').execute()
    expect(audit).toEqual([{ changes: { password: { before: '***', after: '***' } } }])
  })
})

describe('the last active admin', () => {
  it('cannot demote or deactivate himself (400) nor delete himself (403)', async () => {
    expect(await t.db.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', true).execute()).toEqual([{ id: admin.id }])
    expectProblem(await api.patch(`/api/v1/users/${admin.id}`, { version: 1, role: 'manager' }, asAdmin), 400, ['role'])
    expectProblem(await api.patch(`/api/v1/users/${admin.id}`, { version: 1, active: false }, asAdmin), 400, ['active'])
    expectProblem(await api.del(`/api/v1/users/${admin.id}`, asAdmin), 403)
    expect(await userRow(admin.id)).toMatchObject({ role: 'admin', active: true, version: 1, deletedAt: null })
    // He may still change other things about himself.
    expect((await api.patch(`/api/v1/users/${admin.id}`, { version: 1, name: 'Chief' }, asAdmin)).statusCode).toBe(200)
  })

  it('cannot be deleted even by the system (the CLI acts without an admin row)', async () => {
    const ctx = systemContext({ userId: '0190a000-0000-7000-8000-000000000000', role: 'admin', teamId: null })
    await expect(t.services.users.remove(ctx, admin.id)).rejects.toMatchObject({ code: 'FORBIDDEN' } satisfies Partial<AppError>)
    expect((await userRow(admin.id))!.deletedAt).toBeNull()
  })

  it('once there is a second admin, either may be demoted', async () => {
    const second = json(await api.post('/api/v1/users', newUser({ role: 'admin' }), asAdmin))
    expect(json(await api.patch(`/api/v1/users/${second.id}`, { version: 1, role: 'manager' }, asAdmin)).role).toBe('manager')
    expectProblem(await api.patch(`/api/v1/users/${admin.id}`, { version: 2, role: 'manager' }, asAdmin), 400, ['role'])
  })
})

describe('the user list', () => {
  let team: { id: string }
  beforeAll(async () => {
    team = await insertTeam(t.db)
    await insertUser(t.db, { name: 'Filter Ann', role: 'manager', teamId: team.id })
    await insertUser(t.db, { name: 'Filter Bob', role: 'sales', teamId: team.id })
    await insertUser(t.db, { name: 'Filter Cy', role: 'sales', teamId: team.id, active: false })
    await insertUser(t.db, { name: 'Filter Dee', role: 'sales', email: 'dee.filter@example.com' })
  })
  const names = async (query: string) =>
    json(await api.get(`/api/v1/users?limit=200&${query}`, as.sales)).items.map((u: { name: string }) => u.name).filter((n: string) => n.startsWith('Filter'))

  it('filters by team, role, active and text (name or e-mail), sorted by name', async () => {
    expect(await names(`teamId=${team.id}`)).toEqual(['Filter Ann', 'Filter Bob', 'Filter Cy'])
    expect(await names(`teamId=${team.id}&role=sales`)).toEqual(['Filter Bob', 'Filter Cy'])
    expect(await names(`teamId=${team.id}&active=false`)).toEqual(['Filter Cy'])
    expect(await names(`teamId=${team.id}&active=true`)).toEqual(['Filter Ann', 'Filter Bob'])
    expect(await names('q=filter')).toEqual(['Filter Ann', 'Filter Bob', 'Filter Cy', 'Filter Dee'])
    expect(await names('q=DEE.FILTER@')).toEqual(['Filter Dee'])
    expect(await names('q=%25')).toEqual([])
  })

  it('pages by name with a cursor', async () => {
    const first = json(await api.get(`/api/v1/users?teamId=${team.id}&limit=2`, as.sales))
    expect(first.items.map((u: { name: string }) => u.name)).toEqual(['Filter Ann', 'Filter Bob'])
    const second = json(await api.get(`/api/v1/users?teamId=${team.id}&limit=2&cursor=${first.nextCursor}`, as.sales))
    expect(second).toMatchObject({ items: [expect.objectContaining({ name: 'Filter Cy' })], nextCursor: null })
  })

  it('leaves deleted users out and refuses bad filters', async () => {
    const gone = await insertUser(t.db, { name: 'Filter Gone' })
    await api.del(`/api/v1/users/${gone.id}`, asAdmin)
    expect(ids(await api.get('/api/v1/users?limit=200', asAdmin))).not.toContain(gone.id)
    expectProblem(await api.get('/api/v1/users?role=king', asAdmin), 400, ['role'])
    expectProblem(await api.get('/api/v1/users?active=perhaps', asAdmin), 400, ['active'])
    expectProblem(await api.get('/api/v1/users?teamId=1', asAdmin), 400, ['teamId'])
  })
})
