import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertTeam, insertUser, TEST_PASSWORD } from '../../test/factories'
import { bearer, expectProblem, http, ids } from '../../test/http'
import { sha256 } from '../auth/tokens'

let t: TestApp
let api: ReturnType<typeof http>
let sales: { id: string; teamId: string | null }
let asSales: AuthHeaders
let mine: { id: string }
let theirs: { id: string }

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  const teamA = await insertTeam(t.db)
  const teamB = await insertTeam(t.db)
  sales = await insertUser(t.db, { role: 'sales', teamId: teamA.id })
  const outsider = await insertUser(t.db, { role: 'sales', teamId: teamB.id })
  asSales = await sessionFor(t, sales.id)
  mine = await insertCustomer(t.db, { ownerId: sales.id, teamId: teamA.id })
  theirs = await insertCustomer(t.db, { ownerId: outsider.id, teamId: teamB.id })
})
afterAll(() => t.close())

const createToken = async (body: object = { name: 'Integration' }, as = asSales) => {
  const res = await api.post('/api/v1/api-tokens', body, as)
  expect(res.statusCode).toBe(201)
  return json(res) as { token: { id: string; name: string; prefix: string; expiresAt: string | null }; secret: string }
}

describe('API tokens', () => {
  it('shows the secret once; the database keeps only its hash', async () => {
    const created = await createToken({ name: 'ERP sync' })
    expect(created.secret).toMatch(/^kith_[A-Za-z0-9_-]{40,}$/)
    expect(created.secret.startsWith(created.token.prefix)).toBe(true)

    const row = await t.db.selectFrom('apiTokens').selectAll().where('id', '=', created.token.id).executeTakeFirstOrThrow()
    expect(row.tokenHash).toBe(sha256(created.secret))
    // No column of any table holds the secret, whole or beyond its short display prefix.
    for (const table of ['apiTokens', 'auditLog', 'sessions', 'settings'] as const) {
      const dump = JSON.stringify(await t.db.selectFrom(table).selectAll().execute())
      expect(dump, table).not.toContain(created.secret)
      expect(dump, table).not.toContain(created.secret.slice(created.token.prefix.length))
    }
    const listed = await api.get('/api/v1/api-tokens', asSales)
    expect(listed.statusCode).toBe(200)
    expect(json(listed).items.map((i: { id: string }) => i.id)).toContain(created.token.id)
    expect(listed.body).not.toContain(created.secret)
  })

  it('a Bearer token works without cookie or CSRF token, also for writes', async () => {
    const { secret } = await createToken()
    expect((await api.get('/api/v1/auth/me', bearer(secret))).statusCode).toBe(200)
    const created = await api.post('/api/v1/customers', { name: 'Via token' }, bearer(secret))
    expect(created.statusCode).toBe(201)
    expect(json(created)).toMatchObject({ ownerId: sales.id, createdBy: sales.id })
  })

  it('acts with its creator’s role: a sales token cannot see another team’s customer', async () => {
    const { secret } = await createToken()
    expect((await api.get(`/api/v1/customers/${mine.id}`, bearer(secret))).statusCode).toBe(200)
    expectProblem(await api.get(`/api/v1/customers/${theirs.id}`, bearer(secret)), 404)
    const listed = ids(await api.get('/api/v1/customers?limit=200', bearer(secret)))
    expect(listed).toContain(mine.id)
    expect(listed).not.toContain(theirs.id)
    expectProblem(await api.get('/api/v1/audit-log', bearer(secret)), 403)
    expectProblem(await api.post('/api/v1/users', { email: 'x@example.com', name: 'X', role: 'admin', password: 'long enough pass' }, bearer(secret)), 403)
  })

  it('a revoked token is a 401; revoking it again, or someone else’s token, is a 404', async () => {
    const { token, secret } = await createToken()
    const other = await sessionFor(t, (await insertUser(t.db)).id)
    expectProblem(await api.del(`/api/v1/api-tokens/${token.id}`, other), 404)
    expect((await api.get('/api/v1/auth/me', bearer(secret))).statusCode).toBe(200)
    expect((await api.del(`/api/v1/api-tokens/${token.id}`, asSales)).statusCode).toBe(204)
    expectProblem(await api.get('/api/v1/auth/me', bearer(secret)), 401)
    expectProblem(await api.del(`/api/v1/api-tokens/${token.id}`, asSales), 404)
    expect(ids(await api.get('/api/v1/api-tokens', asSales))).not.toContain(token.id)
  })

  it('an expired token is a 401; an expiry in the past is refused at creation', async () => {
    const future = new Date(Date.now() + 3600_000).toISOString()
    const { token, secret } = await createToken({ name: 'Short-lived', expiresAt: future })
    expect(token.expiresAt).toBe(future)
    expect((await api.get('/api/v1/auth/me', bearer(secret))).statusCode).toBe(200)
    await t.db.updateTable('apiTokens').set({ expiresAt: new Date(Date.now() - 1000) }).where('id', '=', token.id).execute()
    expectProblem(await api.get('/api/v1/auth/me', bearer(secret)), 401)
    expectProblem(await api.post('/api/v1/api-tokens', { name: 'Past', expiresAt: '2020-01-01T00:00:00Z' }, asSales), 400, ['expiresAt'])
  })

  it('the token of a deactivated user stops working', async () => {
    const user = await insertUser(t.db)
    const { secret } = await createToken({ name: 'Leaver' }, await sessionFor(t, user.id))
    expect((await api.get('/api/v1/auth/me', bearer(secret))).statusCode).toBe(200)
    await t.db.updateTable('users').set({ active: false }).where('id', '=', user.id).execute()
    expectProblem(await api.get('/api/v1/auth/me', bearer(secret)), 401)
  })

  it("a password change or an admin's reset revokes the user's tokens; a role change signs him out", async () => {
    const user = await insertUser(t.db)
    const session = await sessionFor(t, user.id)
    const { secret } = await createToken({ name: 'Before the change' }, session)
    expect((await api.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' }, session)).statusCode).toBe(204)
    expectProblem(await api.get('/api/v1/auth/me', bearer(secret)), 401)

    const admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    const again = await createToken({ name: 'After the change' }, session)
    const version = async () => (await t.db.selectFrom('users').select('version').where('id', '=', user.id).executeTakeFirstOrThrow()).version
    expect((await api.patch(`/api/v1/users/${user.id}`, { version: await version(), password: 'reset by the admin 1' }, admin)).statusCode).toBe(200)
    expectProblem(await api.get('/api/v1/auth/me', bearer(again.secret)), 401)

    const fresh = await sessionFor(t, user.id)
    expect((await api.patch(`/api/v1/users/${user.id}`, { version: await version(), role: 'support' }, admin)).statusCode).toBe(200)
    expectProblem(await api.get('/api/v1/auth/me', fresh), 401)
  })

  it.each([
    ['garbage', 'Bearer garbage'],
    ['a well-formed unknown token', `Bearer kith_${'A'.repeat(43)}`],
    ['an empty token', 'Bearer '],
    ['a token with a NUL-free but odd charset', 'Bearer kith_<script>'],
  ])('%s is a 401 problem', async (_label, authorization) => {
    const res = await api.get('/api/v1/customers', { authorization })
    expectProblem(res, 401)
    const write = await api.post('/api/v1/customers', { name: 'Nope' }, { authorization })
    expectProblem(write, 401)
  })

  it('a bad Bearer token is refused even when a valid session cookie comes along', async () => {
    const res = await api.get('/api/v1/customers', { ...asSales, authorization: 'Bearer kith_nope' })
    expectProblem(res, 401)
  })

  it('refuses bad input on creation', async () => {
    expectProblem(await api.post('/api/v1/api-tokens', { name: '' }, asSales), 400, ['name'])
    expectProblem(await api.post('/api/v1/api-tokens', { name: 'x', scopes: ['all'] }, asSales), 400, ['scopes.0'])
    expectProblem(await api.post('/api/v1/api-tokens', { name: 'x', expiresAt: 'tomorrow' }, asSales), 400, ['expiresAt'])
  })
})
