import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type TestApp } from '../test/test-app'
import { insertUser, TEST_PASSWORD } from '../test/factories'
import { SESSION_COOKIE } from './auth'
import type { Res } from '../test/http'

function expectSecurityHeaders(res: Res) {
  expect(res.headers['x-content-type-options']).toBe('nosniff')
  expect(res.headers['referrer-policy']).toBe('no-referrer')
}

function expectAppPolicy(res: Res) {
  const csp = String(res.headers['content-security-policy'])
  expect(csp).toContain("script-src 'self'")
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).toContain("object-src 'none'")
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
}

describe('security headers (served over http)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  it.each([
    ['an API answer', { url: '/api/v1/auth/me', signedIn: true }, 200],
    ['a 401 problem', { url: '/api/v1/customers', signedIn: false }, 401],
    ['an unknown API route', { url: '/api/v1/nowhere', signedIn: false }, 404],
    ['a validation error', { url: '/api/v1/customers?limit=abc', signedIn: true }, 400],
    ['the health check', { url: '/api/health', signedIn: false }, 200],
  ])('%s carries nosniff, no-referrer and the strict policy', async (_label, { url, signedIn }, status) => {
    const headers = signedIn ? await sessionFor(t, (await insertUser(t.db)).id) : {}
    const res = await t.app.inject({ method: 'GET', url, headers })
    expect(res.statusCode).toBe(status)
    expectSecurityHeaders(res)
    expectAppPolicy(res)
    expect(res.headers['strict-transport-security']).toBeUndefined()
  })

  it('the API docs keep their own hash-based policy, also unframeable, with the same headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/static/index.html' })
    expectSecurityHeaders(res)
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'")
  })

  it('over http the cookie is plain kith_session, without Secure', async () => {
    const user = await insertUser(t.db)
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: TEST_PASSWORD } })
    expect(res.cookies.map((c) => c.name)).toEqual([SESSION_COOKIE])
    expect(res.cookies[0]!.secure).toBeUndefined()
  })
})

describe('served over https (KITH_PUBLIC_URL https://…)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ KITH_PUBLIC_URL: 'https://crm.example.com' })
  })
  afterAll(() => t.close())

  it('the session cookie takes the __Host- prefix: Secure, path /, no Domain; HSTS is sent', async () => {
    const user = await insertUser(t.db)
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: TEST_PASSWORD } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/)
    const [cookie] = res.cookies
    expect(cookie).toMatchObject({ name: `__Host-${SESSION_COOKIE}`, secure: true, path: '/', httpOnly: true, sameSite: 'Lax' })
    expect(cookie!.domain).toBeUndefined()
    const withPrefixed = { cookie: `${cookie!.name}=${cookie!.value}` }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: withPrefixed })).statusCode).toBe(200)
    // A cookie without the prefix (which any subdomain or plain-http page could set) is not read.
    const unprefixed = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `${SESSION_COOKIE}=${cookie!.value}` } })
    expect(unprefixed.statusCode).toBe(401)
    expectSecurityHeaders(unprefixed)

    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { ...withPrefixed, 'x-csrf-token': json(res).csrfToken } })
    expect(out.statusCode).toBe(204)
    expect(out.cookies[0]).toMatchObject({ name: `__Host-${SESSION_COOKIE}`, value: '', secure: true, path: '/' })
  })
})
