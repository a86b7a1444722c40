import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Secret, TOTP } from 'otpauth'
import { createTestApp, json, sessionFor, type TestApp } from '../../test/test-app'
import { insertUser, TEST_PASSWORD } from '../../test/factories'
import { expectProblem, http } from '../../test/http'

const FREE = 2
const IP = '198.51.100.7'

let t: TestApp
let api: ReturnType<typeof http>
beforeAll(async () => {
  t = await createTestApp({ KITH_LOGIN_MAX_ATTEMPTS: String(FREE) })
  api = http(t)
})
afterAll(() => t.close())

const codeAt = (secret: string, offsetSeconds: number) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetSeconds * 1000 })
const login = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: IP, payload: { email, password } })

describe('the sign-in throttle and the second step', () => {
  it('a right password waiting for its code stays counted; the code gives the attempt back', async () => {
    const user = await insertUser(t.db, { role: 'sales' })
    const as = await sessionFor(t, user.id)
    const { secret } = json(await api.post('/api/v1/auth/two-factor/enrolment', {}, as)) as { secret: string }
    expect((await api.post('/api/v1/auth/two-factor/enrolment/confirm', { code: codeAt(secret, 0) }, as)).statusCode).toBe(200)

    expectProblem(await login(user.email, 'a wrong guess'), 401)
    const pending = await login(user.email, TEST_PASSWORD)
    expect(pending.statusCode, pending.body).toBe(202)
    // Someone with the password but not the phone cannot keep asking for challenges.
    expectProblem(await login(user.email, TEST_PASSWORD), 429)

    const signedIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/two-factor', remoteAddress: IP, payload: { token: json(pending).token, code: codeAt(secret, 30) } })
    expect(signedIn.statusCode, signedIn.body).toBe(200)
    expect(await t.db.selectFrom('loginThrottle').select('key').where('key', '=', `pair:${user.email} ${IP}`).execute()).toEqual([])
    expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(202)
  })
})
