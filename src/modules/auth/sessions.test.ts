import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertUser, TEST_PASSWORD } from '../../test/factories'
import { expectProblem, http, type Res } from '../../test/http'
import { SESSION_COOKIE } from '../../server/auth'
import { putSecurity } from '../../test/security-settings'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
})
afterAll(() => t.close())

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'

function headersOf(res: Res): AuthHeaders {
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!
  return { cookie: `${SESSION_COOKIE}=${cookie.value}`, 'x-csrf-token': json(res).csrfToken }
}
const signIn = async (email: string, userAgent: string, ip: string, cookie?: string) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, headers: { 'user-agent': userAgent, ...(cookie ? { cookie } : {}) }, payload: { email, password: TEST_PASSWORD } })
  expect(res.statusCode, res.body).toBe(200)
  return res
}
/** Moves a session back in time, as if `minutes` had passed since it was last used. */
const age = (headers: AuthHeaders, minutes: number, { created = minutes } = {}) =>
  t.db
    .updateTable('sessions')
    .set({
      createdAt: sql`created_at - make_interval(mins => ${created}::int)`,
      lastSeenAt: sql`last_seen_at - make_interval(mins => ${minutes}::int)`,
      expiresAt: sql`expires_at - make_interval(mins => ${minutes}::int)`,
    })
    .where('csrfToken', '=', headers['x-csrf-token']!)
    .execute()

describe('active sessions', () => {
  it('lists each session with device, address, times, the current one marked; ends one, then all others', async () => {
    const user = await insertUser(t.db)
    const desk = headersOf(await signIn(user.email, CHROME, '198.51.100.10'))
    const phone = headersOf(await signIn(user.email, IPHONE, '198.51.100.11'))
    const third = headersOf(await signIn(user.email, CHROME, '198.51.100.12'))

    const listed = json(await api.get('/api/v1/auth/sessions', desk)).items as Array<Record<string, unknown>>
    expect(listed).toHaveLength(3)
    const byIp = Object.fromEntries(listed.map((s) => [s.ip, s]))
    expect(byIp['198.51.100.10']).toMatchObject({ device: 'Chrome 131 · Windows', current: true, userAgent: CHROME })
    expect(byIp['198.51.100.11']).toMatchObject({ device: 'Safari 17 · iOS', current: false })
    expect(listed.every((s) => typeof s.createdAt === 'string' && typeof s.lastSeenAt === 'string')).toBe(true)
    // The list names sessions by a reference of their own, never by the cookie or its hash.
    const rows = await t.db.selectFrom('sessions').select(['id', 'csrfToken']).where('userId', '=', user.id).execute()
    const body = JSON.stringify(listed)
    for (const r of rows) expect(body).not.toContain(r.id)

    const phoneRef = byIp['198.51.100.11']!.id as string
    const stranger = await sessionFor(t, (await insertUser(t.db)).id)
    expectProblem(await api.del(`/api/v1/auth/sessions/${phoneRef}`, stranger), 404)
    expect((await api.get('/api/v1/auth/me', phone)).statusCode).toBe(200)
    expect((await api.del(`/api/v1/auth/sessions/${phoneRef}`, desk)).statusCode).toBe(204)
    expectProblem(await api.get('/api/v1/auth/me', phone), 401)
    expectProblem(await api.del(`/api/v1/auth/sessions/${phoneRef}`, desk), 404)

    const others = await api.post('/api/v1/auth/sessions/revoke-others', undefined, desk)
    expect(json(others)).toEqual({ revoked: 1 })
    expectProblem(await api.get('/api/v1/auth/me', third), 401)
    expect((await api.get('/api/v1/auth/me', desk)).statusCode).toBe(200)
    expect(json(await api.get('/api/v1/auth/sessions', desk)).items).toHaveLength(1)
    const audit = await t.db.selectFrom('auditLog').select('action').where('entityId', '=', user.id).where('action', 'like', 'session_%').execute()
    expect(audit.map((a) => a.action).sort()).toEqual(['session_revoke', 'session_revoke_others'])
  })

  it('signing in again replaces the session the browser held (a new id; the old cookie is dead)', async () => {
    const user = await insertUser(t.db)
    const first = await signIn(user.email, CHROME, '198.51.100.20')
    const before = headersOf(first)
    const second = await signIn(user.email, CHROME, '198.51.100.20', before.cookie)
    const after = headersOf(second)
    expect(after.cookie).not.toBe(before.cookie)
    expectProblem(await api.get('/api/v1/auth/me', before), 401)
    expect((await api.get('/api/v1/auth/me', after)).statusCode).toBe(200)
    expect(await t.db.selectFrom('sessions').select('id').where('userId', '=', user.id).execute()).toHaveLength(1)
  })
})

describe('session time-outs', () => {
  it('defaults to 8 hours idle and 30 days at most; only admins read or change them; bad values are 400', async () => {
    expect(json(await api.get('/api/v1/settings/security', admin))).toMatchObject({ sessionIdleMinutes: 480, sessionMaxDays: 30 })
    const sales = await sessionFor(t, (await insertUser(t.db)).id)
    expectProblem(await api.get('/api/v1/settings/security', sales), 403)
    expectProblem(await putSecurity(t, sales, { sessionIdleMinutes: 60, sessionMaxDays: 7 }), 403)
    const bad = await putSecurity(t, admin, { sessionIdleMinutes: 1, sessionMaxDays: 0 })
    expectProblem(bad, 400, ['sessionIdleMinutes', 'sessionMaxDays'])
    const res = await signIn((await insertUser(t.db)).email, CHROME, '198.51.100.30')
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)!.maxAge).toBe(30 * 86400)
  })

  it('a session unused past the idle time-out ends; a used one is kept alive; none outlives the absolute one', async () => {
    const put = await putSecurity(t, admin, { sessionIdleMinutes: 30, sessionMaxDays: 1 })
    expect(put.statusCode).toBe(200)
    const user = await insertUser(t.db)
    const idle = headersOf(await signIn(user.email, CHROME, '198.51.100.40'))
    const busy = headersOf(await signIn(user.email, CHROME, '198.51.100.41'))
    const old = headersOf(await signIn(user.email, CHROME, '198.51.100.42'))

    await age(idle, 31)
    expectProblem(await api.get('/api/v1/auth/me', idle), 401)

    await age(busy, 20)
    expect((await api.get('/api/v1/auth/me', busy)).statusCode).toBe(200)
    await age(busy, 20)
    // Used 20 minutes ago, it was good for 30 more from then: still signed in, 40 minutes after sign-in.
    expect((await api.get('/api/v1/auth/me', busy)).statusCode).toBe(200)

    // Signed in 25 hours ago and used a few minutes ago: past the one-day limit.
    await age(old, 5, { created: 25 * 60 })
    expectProblem(await api.get('/api/v1/auth/me', old), 401)
  })

  it('shorter time-outs apply to sessions already open', async () => {
    await putSecurity(t, admin, { sessionIdleMinutes: 480, sessionMaxDays: 30 })
    const user = await insertUser(t.db)
    const s = headersOf(await signIn(user.email, CHROME, '198.51.100.50'))
    await t.db.updateTable('sessions').set({ lastSeenAt: sql`now() - interval '2 hours'` }).where('csrfToken', '=', s['x-csrf-token']!).execute()
    expect((await api.get('/api/v1/auth/me', s)).statusCode).toBe(200)
    await t.db.updateTable('sessions').set({ lastSeenAt: sql`now() - interval '2 hours'` }).where('csrfToken', '=', s['x-csrf-token']!).execute()
    const put = await putSecurity(t, admin, { sessionIdleMinutes: 60, sessionMaxDays: 30 })
    expect(json(put)).toMatchObject({ sessionIdleMinutes: 60, sessionMaxDays: 30 })
    expectProblem(await api.get('/api/v1/auth/me', s), 401)
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entity', '=', 'security_settings').orderBy('at').orderBy('id').execute()
    expect(audit.at(-1)!.changes).toMatchObject({ sessionIdleMinutes: { before: 480, after: 60 } })
  })
})
