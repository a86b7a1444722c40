import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/test-app'
import { insertUser, TEST_PASSWORD } from '../../test/factories'
import { testEngine } from '../../test/test-engine'

const LIMIT = 10

describe.skipIf(testEngine !== 'postgres')('sign-in throttling under parallel guesses (PostgreSQL)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ KITH_LOGIN_MAX_ATTEMPTS: String(LIMIT) })
  })
  afterAll(() => t.close())

  it(`25 parallel guesses at one account: exactly ${LIMIT} are checked, the rest are 429`, async () => {
    const victim = await insertUser(t.db)
    const replies = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '198.51.100.7', payload: { email: victim.email, password: `parallel guess ${i}` } })),
    )
    const statuses = replies.map((r) => r.statusCode)
    expect(statuses.filter((s) => s === 401)).toHaveLength(LIMIT)
    expect(statuses.filter((s) => s === 429)).toHaveLength(25 - LIMIT)
    const checked = await t.db.selectFrom('auditLog').select('id').where('action', '=', 'login_failed').where('entityId', '=', victim.id).execute()
    expect(checked).toHaveLength(LIMIT)
  })

  it('guesses spread over 25 addresses in parallel are held to the account-wide limit too', async () => {
    const victim = await insertUser(t.db)
    const replies = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: `192.0.2.${i + 1}`, payload: { email: victim.email, password: `spread guess ${i}` } })),
    )
    expect(replies.filter((r) => r.statusCode === 401)).toHaveLength(LIMIT)
    // The owner, from where he signed in before, is let in.
    await t.db.insertInto('loginKnownAddresses').values({ email: victim.email, ip: '198.51.100.200' }).execute()
    const owner = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '198.51.100.200', payload: { email: victim.email, password: TEST_PASSWORD } })
    expect(owner.statusCode).toBe(200)
  })
})
