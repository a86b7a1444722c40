import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { createTestDatabase } from '../../test/test-db'
import { createServices } from '../../services'
import { insertUser, TEST_PASSWORD } from '../../test/factories'
import { expectProblem, http } from '../../test/http'
import { passwordProblem, POLICY_MESSAGES } from './password-policy'
import { putSecurity } from '../../test/security-settings'

describe('passwordProblem', () => {
  it('refuses short, common (in any case) and personal passwords; accepts a long unusual one', () => {
    expect(passwordProblem('短密码', 10)).toBe('At least 10 characters')
    expect(passwordProblem('1234567890', 10)).toBe(POLICY_MESSAGES.common)
    expect(passwordProblem('QwertyUiop', 10)).toBe(POLICY_MESSAGES.common)
    expect(passwordProblem('wang.fang@example.com', 10, { email: 'wang.fang@example.com' })).toBe(POLICY_MESSAGES.personal)
    expect(passwordProblem('wang.fang2026!', 10, { email: 'wang.fang@example.com' })).toBe(POLICY_MESSAGES.personal)
    expect(passwordProblem('Zhang Wei 1988', 10, { name: 'zhang wei' })).toBe(POLICY_MESSAGES.personal)
    expect(passwordProblem('correct horse battery staple', 10, { email: 'li@example.com', name: 'Li' })).toBeNull()
    expect(passwordProblem('correct horse battery', 24)).toBe('At least 24 characters')
  })
})

describe('the policy on every way a password is set', () => {
  let t: TestApp
  let api: ReturnType<typeof http>
  let admin: { id: string; email: string }
  let asAdmin: AuthHeaders
  const putPolicy = (body: Record<string, unknown>, as = asAdmin) => putSecurity(t, as, body)

  beforeAll(async () => {
    t = await createTestApp()
    api = http(t)
    admin = await insertUser(t.db, { role: 'admin' })
    asAdmin = await sessionFor(t, admin.id)
  })
  afterAll(() => t.close())

  it('refuses a common or personal password on create, reset and change, naming the field', async () => {
    const create = (password: string, email = 'liu.yang@kith.test') => api.post('/api/v1/users', { email, name: '刘洋', role: 'sales', password }, asAdmin)
    const common = expectProblem(await create('password123'), 400, ['password'])
    expect(common.errors![0]!.message).toBe(POLICY_MESSAGES.common)
    expect(expectProblem(await create('liu.yang.secret'), 400, ['password']).errors![0]!.message).toBe(POLICY_MESSAGES.personal)
    expect((await create('a quiet river at dusk')).statusCode).toBe(201)

    const user = await insertUser(t.db, { role: 'sales', email: 'zhou.min@kith.test' })
    expectProblem(await api.patch(`/api/v1/users/${user.id}`, { version: 1, password: 'qwertyuiop' }, asAdmin), 400, ['password'])
    expectProblem(await api.patch(`/api/v1/users/${user.id}`, { version: 1, password: 'zhou.min.2026' }, asAdmin), 400, ['password'])
    const as = await sessionFor(t, user.id)
    expectProblem(await api.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: '1q2w3e4r5t' }, as), 400, ['newPassword'])
    expect((await api.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'seven lanterns on the lake' }, as)).statusCode).toBe(204)
    // `kith user create` goes through the same service, with no actor.
    await expect(t.services.users.create(null, { email: 'cli@kith.test', name: 'cli', role: 'admin', password: '1234567890' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
  })

  it('takes the admin\'s minimum length (default 10, never lower), audited', async () => {
    const sales = await insertUser(t.db, { role: 'sales' })
    expect((await api.get('/api/v1/settings/security', asAdmin)).json()).toMatchObject({ passwordMinLength: 10, requireTwoFactorRoles: [] })
    expectProblem(await api.get('/api/v1/settings/security', await sessionFor(t, sales.id)), 403)
    expectProblem(await putPolicy({ passwordMinLength: 8, requireTwoFactorRoles: [] }), 400, ['passwordMinLength'])
    expectProblem(await putPolicy({ passwordMinLength: 16, requireTwoFactorRoles: ['owner'] }), 400)
    expect((await putPolicy({ passwordMinLength: 16, requireTwoFactorRoles: [] })).statusCode).toBe(200)
    // Another admin's form, loaded before that change, would undo it: refused.
    const stale = expectProblem(await putPolicy({ passwordMinLength: 12, requireTwoFactorRoles: [], version: 0 }), 409)
    expect(stale.code).toBe('VERSION_CONFLICT')
    expect((await api.get('/api/v1/settings/security', asAdmin)).json()).toMatchObject({ passwordMinLength: 16, version: 1 })
    const short = expectProblem(await api.post('/api/v1/users', { email: 'min@kith.test', name: 'Min', role: 'sales', password: 'fifteen chars!!' }, asAdmin), 400, ['password'])
    expect(short.errors![0]!.message).toBe('At least 16 characters')
    expect((await api.post('/api/v1/users', { email: 'min@kith.test', name: 'Min', role: 'sales', password: 'sixteen chars!!!' }, asAdmin)).statusCode).toBe(201)
    const audit = await t.db.selectFrom('auditLog').select('changes').where('entity', '=', 'security_settings').execute()
    expect(audit).toEqual([{ changes: { passwordMinLength: { before: 10, after: 16 } } }])
  })
})

describe('the first admin from the environment', () => {
  it('is refused with the variable named when KITH_ADMIN_PASSWORD is a common password, and nobody is created', async () => {
    const database = await createTestDatabase()
    try {
      const services = createServices(database.db, { defaultRegion: 'CN', loginMaxAttempts: 10 })
      await expect(services.setup.bootstrapAdmin('ops@kith.test', 'qwerty123456')).rejects.toThrow(`KITH_ADMIN_PASSWORD is refused: ${POLICY_MESSAGES.common}`)
      expect(await services.setup.needsSetup()).toBe(true)
    } finally {
      await database.close()
    }
  })
})
