import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Secret, TOTP } from 'otpauth'
import { createTestApp, json, sessionFor, type TestApp } from '../../test/test-app'
import { insertUser, TEST_PASSWORD } from '../../test/factories'
import { http } from '../../test/http'
import { testEngine } from '../../test/test-engine'
import { MAX_CODE_FAILURES } from './two-factor.verify'

describe.skipIf(testEngine !== 'postgres')('second step under concurrency (PostgreSQL)', () => {
  let t: TestApp
  let api: ReturnType<typeof http>
  beforeAll(async () => {
    t = await createTestApp()
    api = http(t)
  })
  afterAll(() => t.close())

  async function enrolled() {
    const user = await insertUser(t.db)
    const as = await sessionFor(t, user.id)
    const { secret } = json(await api.post('/api/v1/auth/two-factor/enrolment', {}, as))
    const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) })
    const at = Date.now()
    expect((await api.post('/api/v1/auth/two-factor/enrolment/confirm', { code: totp.generate({ timestamp: at }) }, as)).statusCode).toBe(200)
    const tokens = await Promise.all(Array.from({ length: 12 }, async () => json(await api.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD })).token as string))
    return { user, totp, at, tokens }
  }

  it('one code sent on eight challenges at once opens exactly one session', async () => {
    const { totp, at, tokens } = await enrolled()
    const code = totp.generate({ timestamp: at + 30_000 })
    // Eight: the replays count as wrong codes, and ten of them would throttle the account.
    const replies = await Promise.all(tokens.slice(0, 8).map((token) => api.post('/api/v1/auth/login/two-factor', { token, code })))
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, ...Array(7).fill(400)])
  })

  it('parallel wrong guesses are counted one by one: no more than the limit are checked', async () => {
    const { user, tokens } = await enrolled()
    const more = await Promise.all(Array.from({ length: 13 }, async () => json(await api.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD })).token as string))
    const replies = await Promise.all([...tokens, ...more].map((token) => api.post('/api/v1/auth/login/two-factor', { token, code: '000000' })))
    expect(replies.filter((r) => r.statusCode === 400).length).toBeLessThanOrEqual(MAX_CODE_FAILURES)
    expect(replies.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(25 - MAX_CODE_FAILURES)
  })
})
