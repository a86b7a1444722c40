import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertUser, TEST_PASSWORD } from '../../test/factories'
import { expectProblem, http, type Res } from '../../test/http'
import { SESSION_COOKIE } from '../../server/auth'

const MAX_ATTEMPTS = 3
const ADMIN = { email: 'Boss@Example.com', name: '老板', password: 'first admin password' }

let t: TestApp
let api: ReturnType<typeof http>

beforeAll(async () => {
  t = await createTestApp({ KITH_LOGIN_MAX_ATTEMPTS: String(MAX_ATTEMPTS) })
  api = http(t)
})
afterAll(() => t.close())

/** The session cookie a reply set, as a request header, plus the CSRF token of its body. */
function signedInAs(res: Res): AuthHeaders {
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)
  expect(cookie, 'session cookie').toBeDefined()
  return { cookie: `${SESSION_COOKIE}=${cookie!.value}`, 'x-csrf-token': json(res).csrfToken }
}
const login = (email: string, password: string) => api.post('/api/v1/auth/login', { email, password })
const auditRows = (action: string) => t.db.selectFrom('auditLog').selectAll().where('action', '=', action).execute()
const countCustomers = async () => Number((await t.db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

// The set-up flow needs an empty database, so it runs first and the rest builds on its admin.
describe('first-run set-up', () => {
  it('says set-up is needed, creates the first admin once, signs him in with an httpOnly SameSite cookie', async () => {
    expect(json(await api.get('/api/v1/setup'))).toEqual({ needsSetup: true })
    expectProblem(await api.post('/api/v1/setup', { ...ADMIN, password: 'short' }), 400, ['password'])

    const res = await api.post('/api/v1/setup', ADMIN)
    expect(res.statusCode).toBe(200)
    expect(json(res).user).toMatchObject({ email: 'boss@example.com', name: '老板', role: 'admin', active: true })
    expect(json(res).csrfToken).toEqual(expect.any(String))
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    expect(res.headers['set-cookie']).toMatch(/HttpOnly/)
    expect(JSON.stringify(json(res))).not.toContain(ADMIN.password)

    expect(json(await api.get('/api/v1/auth/me', signedInAs(res))).user.email).toBe('boss@example.com')
    expect(json(await api.get('/api/v1/setup'))).toEqual({ needsSetup: false })
  })

  it('a second set-up is a 409 and creates no one', async () => {
    expectProblem(await api.post('/api/v1/setup', { ...ADMIN, email: 'intruder@example.com' }), 409)
    const users = await t.db.selectFrom('users').select(['email', 'role']).execute()
    expect(users).toEqual([{ email: 'boss@example.com', role: 'admin' }])
    expect(await t.services.setup.bootstrapAdmin('other@example.com', 'another long password')).toBeNull()
  })
})

describe('sign-in', () => {
  it('signs in (e-mail in any case), sets the cookie, audits "login", never returns the password or its hash', async () => {
    const res = await login('BOSS@example.com', ADMIN.password)
    expect(res.statusCode).toBe(200)
    expect(json(res).user).not.toHaveProperty('passwordHash')
    expect(res.body).not.toContain(ADMIN.password)
    expect(res.body).not.toContain('$argon2')
    expect(json(await api.get('/api/v1/auth/me', signedInAs(res))).user.role).toBe('admin')
    expect(await auditRows('login')).toHaveLength(1)
  })

  it('refuses a wrong password or an unknown e-mail alike with a 401 problem, audited as login_failed without the password', async () => {
    const wrong = expectProblem(await login('boss@example.com', 'not the password 1'), 401)
    const unknown = expectProblem(await login('nobody@example.com', 'not the password 2'), 401)
    expect(wrong.code).toBe('INVALID_CREDENTIALS')
    expect({ ...unknown, requestId: undefined }).toEqual({ ...wrong, requestId: undefined })
    const failed = await auditRows('login_failed')
    expect(failed.map((r) => r.changes)).toEqual([{ email: 'boss@example.com' }, { email: 'nobody@example.com' }])
    const everything = JSON.stringify(await t.db.selectFrom('auditLog').selectAll().execute())
    expect(everything).not.toContain('not the password')
    expect(everything).not.toContain(ADMIN.password)
    await t.db.deleteFrom('loginAttempts').execute()
  })

  it('refuses an inactive user', async () => {
    const user = await insertUser(t.db, { active: false })
    expectProblem(await login(user.email, TEST_PASSWORD), 401)
  })

  it(`after ${MAX_ATTEMPTS} failures from one address the account waits there (429 with Retry-After, even with the right password); others still sign in`, async () => {
    const victim = await insertUser(t.db)
    for (let i = 0; i < MAX_ATTEMPTS; i++) expectProblem(await login(victim.email, `guess ${i} of many`), 401)
    const locked = await login(victim.email, TEST_PASSWORD)
    expectProblem(locked, 429)
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0)
    expect(locked.cookies).toEqual([])
    const bystander = await insertUser(t.db)
    expect((await login(bystander.email, TEST_PASSWORD)).statusCode).toBe(200)
  })
})

describe('sessions', () => {
  it('answers 401 to no cookie, a tampered cookie, an expired session', async () => {
    expectProblem(await api.get('/api/v1/auth/me'), 401)
    const s = await sessionFor(t, (await insertUser(t.db)).id)
    expectProblem(await api.get('/api/v1/auth/me', { cookie: s.cookie!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }), 401)
    expectProblem(await api.get('/api/v1/auth/me', { cookie: `${SESSION_COOKIE}=forged-token` }), 401)
    await t.db.updateTable('sessions').set({ expiresAt: new Date(Date.now() - 1000) }).execute()
    expectProblem(await api.get('/api/v1/auth/me', s), 401)
  })

  it('GET /auth/session answers 200 with nobody when signed out (a signed-out page makes no failed request), the session when signed in', async () => {
    expect(json(await api.get('/api/v1/auth/session'))).toEqual({ user: null })
    expect(json(await api.get('/api/v1/auth/session', { cookie: `${SESSION_COOKIE}=forged-token` }))).toEqual({ user: null })
    const user = await insertUser(t.db)
    const s = signedInAs(await login(user.email, TEST_PASSWORD))
    const res = await api.get('/api/v1/auth/session', { cookie: s.cookie })
    expect(res.statusCode).toBe(200)
    expect(json(res)).toMatchObject({ user: { id: user.id, email: user.email }, csrfToken: s['x-csrf-token'], settings: { defaultRegion: expect.any(String) } })
    expect(json(res)).toEqual(json(await api.get('/api/v1/auth/me', s)))
    expect((await api.post('/api/v1/auth/logout', undefined, s)).statusCode).toBe(204)
    expect(json(await api.get('/api/v1/auth/session', { cookie: s.cookie }))).toEqual({ user: null })
    // API clients keep the documented contract: /auth/me is 401 for nobody.
    expectProblem(await api.get('/api/v1/auth/me'), 401)
  })

  it('logout ends the session: the same cookie is refused afterwards', async () => {
    const user = await insertUser(t.db)
    const s = signedInAs(await login(user.email, TEST_PASSWORD))
    const out = await api.post('/api/v1/auth/logout', undefined, s)
    expect(out.statusCode).toBe(204)
    expect(out.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe('')
    expectProblem(await api.get('/api/v1/auth/me', s), 401)
    expect(await t.db.selectFrom('sessions').select('id').where('userId', '=', user.id).execute()).toEqual([])
    expect((await auditRows('logout')).map((r) => r.entityId)).toContain(user.id)
  })

  it('a deactivated user’s session stops working, whether through the API or in the database', async () => {
    const admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    const viaApi = await insertUser(t.db)
    const s1 = await sessionFor(t, viaApi.id)
    expect((await api.get('/api/v1/auth/me', s1)).statusCode).toBe(200)
    expect((await api.patch(`/api/v1/users/${viaApi.id}`, { version: 1, active: false }, admin)).statusCode).toBe(200)
    expectProblem(await api.get('/api/v1/auth/me', s1), 401)

    const inDb = await insertUser(t.db)
    const s2 = await sessionFor(t, inDb.id)
    await t.db.updateTable('users').set({ active: false }).where('id', '=', inDb.id).execute()
    expectProblem(await api.get('/api/v1/customers', s2), 401)
  })
})

describe('CSRF', () => {
  let s: AuthHeaders
  let customerId: string
  beforeAll(async () => {
    const user = await insertUser(t.db, { role: 'admin' })
    s = await sessionFor(t, user.id)
    customerId = (await insertCustomer(t.db, { name: 'Guarded' })).id
  })

  const withoutToken = () => ({ cookie: s.cookie! })
  const wrongToken = () => ({ cookie: s.cookie!, 'x-csrf-token': `${s['x-csrf-token']}x` })

  it.each([
    ['no', withoutToken],
    ['a wrong', wrongToken],
  ])('a cookie session with %s X-CSRF-Token cannot POST, PATCH or DELETE, and nothing is written', async (_label, headers) => {
    const before = await countCustomers()
    const auditBefore = (await t.db.selectFrom('auditLog').select('id').execute()).length
    expect(expectProblem(await api.post('/api/v1/customers', { name: 'Forged' }, headers()), 403).code).toBe('CSRF_TOKEN_INVALID')
    expectProblem(await api.patch(`/api/v1/customers/${customerId}`, { version: 1, name: 'Forged' }, headers()), 403)
    expectProblem(await api.del(`/api/v1/customers/${customerId}`, headers()), 403)
    expectProblem(await api.post('/api/v1/auth/logout', undefined, headers()), 403)
    expect(await countCustomers()).toBe(before)
    expect(await t.db.selectFrom('customers').select(['name', 'version', 'deletedAt']).where('id', '=', customerId).executeTakeFirst()).toEqual({ name: 'Guarded', version: 1, deletedAt: null })
    expect((await t.db.selectFrom('auditLog').select('id').execute()).length).toBe(auditBefore)
    expect((await api.get('/api/v1/auth/me', s)).statusCode).toBe(200)
  })

  it('reads need no token; writes with the right one go through', async () => {
    expect((await api.get(`/api/v1/customers/${customerId}`, withoutToken())).statusCode).toBe(200)
    expect((await api.get('/api/v1/auth/me', withoutToken())).statusCode).toBe(200)
    expect((await api.post('/api/v1/customers', { name: 'Allowed' }, s)).statusCode).toBe(201)
  })
})

describe('password change', () => {
  it('needs the current password, then signs out the other sessions but keeps this one', async () => {
    const user = await insertUser(t.db)
    const here = await sessionFor(t, user.id)
    const elsewhere = await sessionFor(t, user.id)
    const newPassword = 'a brand new passphrase'

    expectProblem(await api.post('/api/v1/auth/password', { currentPassword: 'wrong one', newPassword }, here), 400, ['currentPassword'])
    expectProblem(await api.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' }, here), 400, ['newPassword'])
    expect((await api.get('/api/v1/auth/me', elsewhere)).statusCode).toBe(200)

    expect((await api.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword }, here)).statusCode).toBe(204)
    expect((await api.get('/api/v1/auth/me', here)).statusCode).toBe(200)
    expectProblem(await api.get('/api/v1/auth/me', elsewhere), 401)
    expectProblem(await login(user.email, TEST_PASSWORD), 401)
    expect((await login(user.email, newPassword)).statusCode).toBe(200)

    const audit = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'password_change').where('entityId', '=', user.id).execute()
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit)).not.toContain(newPassword)
  })
})

describe('profile', () => {
  it('PATCH /auth/me changes one’s own language and name, and nothing else', async () => {
    const user = await insertUser(t.db)
    const s = await sessionFor(t, user.id)
    const res = await api.patch('/api/v1/auth/me', { locale: 'en', name: '李雷' }, s)
    expect(res.statusCode).toBe(200)
    expect(json(res).user).toMatchObject({ id: user.id, locale: 'en', name: '李雷', version: 2 })
    expect(json(await api.get('/api/v1/auth/me', s)).user.locale).toBe('en')
    expectProblem(await api.patch('/api/v1/auth/me', { locale: 'fr' }, s), 400, ['locale'])
    expectProblem(await api.patch('/api/v1/auth/me', { role: 'admin' }, s), 400, ['role'])
    expect((await t.db.selectFrom('users').select('role').where('id', '=', user.id).executeTakeFirstOrThrow()).role).toBe('sales')
  })
})

describe('bootstrap admin from KITH_ADMIN_EMAIL / KITH_ADMIN_PASSWORD', () => {
  let fresh: TestApp
  beforeAll(async () => {
    fresh = await createTestApp({ KITH_ADMIN_EMAIL: 'Ops@Example.com', KITH_ADMIN_PASSWORD: 'from the environment' })
  })
  afterAll(() => fresh.close())

  it('creates that admin once when no user exists; he can sign in', async () => {
    expect(await fresh.services.setup.bootstrapAdmin(fresh.config.adminEmail, fresh.config.adminPassword)).toBe('ops@example.com')
    expect(await fresh.services.setup.bootstrapAdmin(fresh.config.adminEmail, fresh.config.adminPassword)).toBeNull()
    expect(await fresh.db.selectFrom('users').select(['email', 'role', 'name']).execute()).toEqual([{ email: 'ops@example.com', role: 'admin', name: 'Ops' }])
    expect(json(await fresh.app.inject({ method: 'GET', url: '/api/v1/setup' }))).toEqual({ needsSetup: false })
    const res = await fresh.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'ops@example.com', password: 'from the environment' } })
    expect(res.statusCode).toBe(200)
    expect(json(res).user.role).toBe('admin')
  })
})
