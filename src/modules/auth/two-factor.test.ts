import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Secret, TOTP } from 'otpauth'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertUser, TEST_PASSWORD } from '../../test/factories'
import { expectProblem, http, type Res } from '../../test/http'
import { SESSION_COOKIE } from '../../server/auth'
import { MAX_CODE_FAILURES } from './two-factor.verify'
import { CHALLENGE_ATTEMPTS } from './two-factor.signin'
import { putSecurity } from '../../test/security-settings'

let t: TestApp
let api: ReturnType<typeof http>

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
})
afterAll(() => t.close())

/** A real RFC 6238 computation from the secret, as the user's app would do it, offset from now or from `from`. */
const codeAt = (secret: string, offsetSeconds = 0, from = Date.now()) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: from + offsetSeconds * 1000 })
const cookieOf = (res: Res): AuthHeaders => {
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE)
  expect(c, 'session cookie').toBeDefined()
  return { cookie: `${SESSION_COOKIE}=${c!.value}`, 'x-csrf-token': json(res).csrfToken }
}
const login = (email: string, password = TEST_PASSWORD) => api.post('/api/v1/auth/login', { email, password })
const audits = (action: string, entityId: string) =>
  t.db.selectFrom('auditLog').select('action').where('action', '=', action).where('entityId', '=', entityId).execute()

/** Enrols the user through the API and returns his secret and recovery codes. */
async function enrol(as: AuthHeaders) {
  const started = await api.post('/api/v1/auth/two-factor/enrolment', {}, as)
  expect(started.statusCode, started.body).toBe(200)
  const { secret, otpauthUrl, qrCode } = json(started)
  expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Kith:.*secret=/)
  expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/)
  expect(Buffer.from(qrCode.split(',')[1], 'base64').toString()).toContain('<svg')
  const usedAt = Date.now()
  const confirmed = await api.post('/api/v1/auth/two-factor/enrolment/confirm', { code: codeAt(secret, 0, usedAt) }, as)
  expect(confirmed.statusCode, confirmed.body).toBe(200)
  const { recoveryCodes } = json(confirmed) as { recoveryCodes: string[] }
  return { secret: secret as string, recoveryCodes, usedAt }
}

describe('enrolment and the two-step sign-in', () => {
  it('enrols with a real TOTP code; then a password alone gives a pending state, not a session; the code signs in', async () => {
    const user = await insertUser(t.db, { role: 'sales' })
    const as = await sessionFor(t, user.id)
    expect(json(await api.get('/api/v1/auth/two-factor', as))).toMatchObject({ enabled: false, recoveryCodesLeft: 0 })
    // A wrong first code does not switch it on.
    const first = json(await api.post('/api/v1/auth/two-factor/enrolment', {}, as))
    expectProblem(await api.post('/api/v1/auth/two-factor/enrolment/confirm', { code: codeAt(first.secret, -300) }, as), 400, ['code'])
    const { secret, recoveryCodes } = await enrol(as)
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    const stored = await t.db.selectFrom('userRecoveryCodes').select('codeHash').where('userId', '=', user.id).execute()
    expect(stored.map((r) => r.codeHash)).not.toContain(recoveryCodes[0])
    expect(json(await api.get('/api/v1/auth/two-factor', as))).toMatchObject({ enabled: true, recoveryCodesLeft: 10 })
    expect(await audits('two_factor_enable', user.id)).toHaveLength(1)
    expectProblem(await api.post('/api/v1/auth/two-factor/enrolment', {}, as), 409)

    const pending = await login(user.email)
    expect(pending.statusCode, pending.body).toBe(202)
    expect(pending.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined()
    expect(json(pending)).toMatchObject({ purpose: 'verify', token: expect.any(String) })
    // The pending token is no session: not as a cookie, not as a bearer token.
    expectProblem(await api.get('/api/v1/auth/me', { cookie: `${SESSION_COOKIE}=${t.app.signCookie(json(pending).token)}` }), 401)
    expectProblem(await api.get('/api/v1/auth/me', { authorization: `Bearer ${json(pending).token}` }), 401)

    // The step just used at enrolment cannot be replayed: wait for the next one is the app's job; here, a code of the next step.
    const signedIn = await api.post('/api/v1/auth/login/two-factor', { token: json(pending).token, code: codeAt(secret, 30) })
    expect(signedIn.statusCode, signedIn.body).toBe(200)
    expect(json(signedIn)).toMatchObject({ user: { id: user.id }, recoveryCodesLeft: 10 })
    expect(json(await api.get('/api/v1/auth/me', cookieOf(signedIn))).user.id).toBe(user.id)
    // The challenge is spent with the session it opened.
    expectProblem(await api.post('/api/v1/auth/login/two-factor', { token: json(pending).token, code: codeAt(secret, 30) }), 401)
  })

  it('refuses a replayed code, a code out of the ±1 step window, and a reused recovery code', async () => {
    const user = await insertUser(t.db)
    const { secret, recoveryCodes, usedAt } = await enrol(await sessionFor(t, user.id))
    const token = async () => json(await login(user.email)).token as string

    // Codes of fixed steps, so a step boundary passing during the test changes nothing.
    const replay = expectProblem(await api.post('/api/v1/auth/login/two-factor', { token: await token(), code: codeAt(secret, 0, usedAt) }), 400, ['code'])
    expect(replay.code).toBe('TWO_FACTOR_CODE_REUSED')
    for (const offset of [-90, 90]) {
      const late = expectProblem(await api.post('/api/v1/auth/login/two-factor', { token: await token(), code: codeAt(secret, offset) }), 400, ['code'])
      expect(late.code).toBe('TWO_FACTOR_CODE_INVALID')
    }
    // One step ahead is inside the window; once used, the current step (earlier) is refused too.
    const ahead = codeAt(secret, 30, usedAt)
    expect((await api.post('/api/v1/auth/login/two-factor', { token: await token(), code: ahead })).statusCode).toBe(200)
    expect(expectProblem(await api.post('/api/v1/auth/login/two-factor', { token: await token(), code: ahead }), 400).code).toBe('TWO_FACTOR_CODE_REUSED')
    expect(expectProblem(await api.post('/api/v1/auth/login/two-factor', { token: await token(), code: codeAt(secret, 0, usedAt) }), 400).code).toBe('TWO_FACTOR_CODE_REUSED')

    const recovery = recoveryCodes[3]!.toUpperCase().replaceAll('-', ' ')
    const withRecovery = await api.post('/api/v1/auth/login/two-factor', { token: await token(), code: recovery })
    expect(withRecovery.statusCode, withRecovery.body).toBe(200)
    expect(json(withRecovery).recoveryCodesLeft).toBe(9)
    expect(await audits('two_factor_recovery_used', user.id)).toHaveLength(1)
    const reused = expectProblem(await api.post('/api/v1/auth/login/two-factor', { token: await token(), code: recoveryCodes[3] }), 400, ['code'])
    expect(reused.code).toBe('TWO_FACTOR_CODE_REUSED')
    expect(expectProblem(await api.post('/api/v1/auth/login/two-factor', { token: await token(), code: 'abcd-efgh-jkmn-pqrs' }), 400).code).toBe('TWO_FACTOR_CODE_INVALID')
  })

  it('ends a challenge after a few wrong codes and throttles the account after more, across challenges', async () => {
    const user = await insertUser(t.db)
    const { secret } = await enrol(await sessionFor(t, user.id))
    const wrong = (c: string) => (c === '000000' ? '111111' : '000000')
    const token = json(await login(user.email)).token
    for (let i = 0; i < CHALLENGE_ATTEMPTS; i++) expect((await api.post('/api/v1/auth/login/two-factor', { token, code: wrong(codeAt(secret)) })).statusCode).toBe(400)
    expect(expectProblem(await api.post('/api/v1/auth/login/two-factor', { token, code: codeAt(secret, 30) }), 401).code).toBe('TWO_FACTOR_CHALLENGE_INVALID')

    const next = json(await login(user.email)).token
    for (let i = CHALLENGE_ATTEMPTS; i < MAX_CODE_FAILURES; i++) await api.post('/api/v1/auth/login/two-factor', { token: next, code: wrong(codeAt(secret)) })
    const third = json(await login(user.email)).token
    // Even the right code waits now: the limit is per account, whatever the challenge or address.
    const limited = expectProblem(await api.post('/api/v1/auth/login/two-factor', { token: third, code: codeAt(secret, 30) }), 429)
    expect(limited.code).toBe('RATE_LIMITED')
  })

  it('turns off only with the password and a code; regenerates recovery codes with a code', async () => {
    const user = await insertUser(t.db)
    const as = await sessionFor(t, user.id)
    const { secret, recoveryCodes } = await enrol(as)
    const again = await api.post('/api/v1/auth/two-factor/recovery-codes', { code: codeAt(secret, 30) }, as)
    expect(again.statusCode, again.body).toBe(200)
    const fresh = json(again).recoveryCodes as string[]
    expect(fresh).toHaveLength(10)
    expect(fresh).not.toContain(recoveryCodes[0])

    expectProblem(await api.post('/api/v1/auth/two-factor/disable', { password: 'wrong password!', code: fresh[0] }, as), 400, ['password'])
    expectProblem(await api.post('/api/v1/auth/two-factor/disable', { password: TEST_PASSWORD, code: recoveryCodes[0] }, as), 400, ['code'])
    expect((await api.post('/api/v1/auth/two-factor/disable', { password: TEST_PASSWORD, code: fresh[0] }, as)).statusCode).toBe(204)
    expect(await audits('two_factor_disable', user.id)).toHaveLength(1)
    expect((await login(user.email)).statusCode).toBe(200)
    expect(await t.db.selectFrom('userRecoveryCodes').select('id').where('userId', '=', user.id).execute()).toEqual([])
  })
})

describe('required per role, and the admin reset', () => {
  it('sends a member of a required role to enrolment right after the password; only enrolling gives the session', async () => {
    const admin = await insertUser(t.db, { role: 'admin' })
    const asAdmin = await sessionFor(t, admin.id)
    const support = await insertUser(t.db, { role: 'support' })
    const asSupport = await sessionFor(t, support.id)
    expectProblem(await putSecurity(t, asSupport, { requireTwoFactorRoles: ['support'] }), 403)
    const put = await putSecurity(t, asAdmin, { requireTwoFactorRoles: ['support'] })
    expect(put.statusCode, put.body).toBe(200)
    // His open session ended with the rule.
    expectProblem(await api.get('/api/v1/auth/me', asSupport), 401)

    const pending = await login(support.email)
    expect(pending.statusCode).toBe(202)
    const { token, purpose } = json(pending)
    expect(purpose).toBe('enrol')
    expect(expectProblem(await api.post('/api/v1/auth/login/two-factor', { token, code: '123456' }), 401).code).toBe('TWO_FACTOR_CHALLENGE_INVALID')
    const started = await api.post('/api/v1/auth/login/two-factor/enrolment', { token })
    expect(started.statusCode, started.body).toBe(200)
    expectProblem(await api.post('/api/v1/auth/login/two-factor/enrolment/confirm', { token, code: codeAt(json(started).secret, 120) }), 400, ['code'])
    const done = await api.post('/api/v1/auth/login/two-factor/enrolment/confirm', { token, code: codeAt(json(started).secret) })
    expect(done.statusCode, done.body).toBe(200)
    expect(json(done).recoveryCodes).toHaveLength(10)
    const as = cookieOf(done)
    expect(json(await api.get('/api/v1/auth/two-factor', as))).toMatchObject({ enabled: true, required: true })
    expect(expectProblem(await api.post('/api/v1/auth/two-factor/disable', { password: TEST_PASSWORD, code: json(done).recoveryCodes[0] }, as), 403).code).toBe('TWO_FACTOR_REQUIRED')

    // Lost phone: the admin resets (audited), the next sign-in enrols again.
    expectProblem(await api.del(`/api/v1/users/${support.id}/two-factor`, as), 403)
    expect((await api.del(`/api/v1/users/${support.id}/two-factor`, asAdmin)).statusCode).toBe(204)
    expect(await audits('two_factor_reset', support.id)).toHaveLength(1)
    expect(json(await login(support.email)).purpose).toBe('enrol')
    await putSecurity(t, asAdmin, { requireTwoFactorRoles: [] })
    expect((await login(support.email)).statusCode).toBe(200)
  })
})
