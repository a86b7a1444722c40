import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type TestApp } from '../../test/test-app'
import { insertUser } from '../../test/factories'

// Sessions are cached for a few seconds (KITH_SESSION_CACHE_SECONDS); these changes must still
// take effect at once on the copy that made them.
describe('session cache', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ KITH_SESSION_CACHE_SECONDS: '60' })
  })
  afterAll(() => t.close())

  const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })

  it('a deactivated user is signed out at once, though his session was cached', async () => {
    const admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    const user = await insertUser(t.db)
    const s = await sessionFor(t, user.id)
    expect((await me(s)).statusCode).toBe(200)
    const current = json(await t.app.inject({ method: 'GET', url: `/api/v1/users/${user.id}`, headers: admin }))
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: admin, payload: { active: false, version: current.version } })
    expect(res.statusCode).toBe(200)
    expect((await me(s)).statusCode).toBe(401)
  })

  it('a role change ends the sessions at once (a cached one too): the user signs in again with the new role', async () => {
    const admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    const user = await insertUser(t.db, { role: 'sales' })
    const s = await sessionFor(t, user.id)
    expect(json(await me(s)).user.role).toBe('sales')
    const current = json(await t.app.inject({ method: 'GET', url: `/api/v1/users/${user.id}`, headers: admin }))
    await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: admin, payload: { role: 'admin', version: current.version } })
    expect((await me(s)).statusCode).toBe(401)
    // Only admins create users: the new session carries the new role.
    const again = await sessionFor(t, user.id)
    const write = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: again, payload: { email: 'promoted@example.com', name: 'X', role: 'sales', password: 'long-enough-1' } })
    expect(write.statusCode).toBe(201)
  })

  it('a signed-out cookie stops working at once', async () => {
    const s = await sessionFor(t, (await insertUser(t.db)).id)
    expect((await me(s)).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s })).statusCode).toBe(204)
    expect((await me(s)).statusCode).toBe(401)
  })

  it('after a session is deleted behind the cache\'s back, the cached copy lasts at most the TTL', async () => {
    const short = await createTestApp({ KITH_SESSION_CACHE_SECONDS: '1' })
    try {
      const s = await sessionFor(short, (await insertUser(short.db)).id)
      expect((await short.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s })).statusCode).toBe(200)
      await short.db.deleteFrom('sessions').execute() // as another server copy's logout would
      await new Promise((r) => setTimeout(r, 1100))
      expect((await short.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s })).statusCode).toBe(401)
    } finally {
      await short.close()
    }
  })
})
