import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/test-app'
import { insertUser, TEST_PASSWORD } from '../../test/factories'
import { expectProblem } from '../../test/http'

const FREE = 3

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ KITH_LOGIN_MAX_ATTEMPTS: String(FREE) })
})
afterAll(() => t.close())

let nextHost = 1
const freshIp = () => `203.0.113.${nextHost++}`
const login = (email: string, password: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { email, password } })
/** Lets every running delay end, as waiting it out would. */
const waitOut = () => t.db.updateTable('loginThrottle').set({ blockedUntil: new Date(Date.now() - 1000) }).execute()

describe('sign-in throttling', () => {
  it('an attacker elsewhere does not lock the owner out of his usual address', async () => {
    const owner = await insertUser(t.db)
    const home = freshIp()
    expect((await login(owner.email, TEST_PASSWORD, home)).statusCode).toBe(200)
    const attacker = freshIp()
    for (let i = 0; i < FREE; i++) expectProblem(await login(owner.email, `guess ${i}`, attacker), 401)
    const refused = expectProblem(await login(owner.email, TEST_PASSWORD, attacker), 429)
    expect(refused.code).toBe('RATE_LIMITED')
    expect((await login(owner.email, TEST_PASSWORD, home)).statusCode).toBe(200)
  })

  it('delays grow (30 s, 1 min, …) instead of locking: after the wait one more attempt is let through', async () => {
    const user = await insertUser(t.db)
    const ip = freshIp()
    for (let i = 0; i < FREE; i++) expectProblem(await login(user.email, `wrong ${i}`, ip), 401)
    const first = await login(user.email, TEST_PASSWORD, ip)
    expectProblem(first, 429)
    expect(Number(first.headers['retry-after'])).toBeGreaterThan(25)
    expect(Number(first.headers['retry-after'])).toBeLessThanOrEqual(30)
    expect(first.cookies).toEqual([])
    await waitOut()
    expectProblem(await login(user.email, 'wrong again', ip), 401)
    const second = await login(user.email, TEST_PASSWORD, ip)
    expectProblem(second, 429)
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(55)
    expect(Number(second.headers['retry-after'])).toBeLessThanOrEqual(60)
    await waitOut()
    expect((await login(user.email, TEST_PASSWORD, ip)).statusCode).toBe(200)
    // The right password clears the account's count from that address: a typo later is no delay.
    expectProblem(await login(user.email, 'one typo', ip), 401)
    expect((await login(user.email, TEST_PASSWORD, ip)).statusCode).toBe(200)
  })

  it('the delay stops growing at 15 minutes', async () => {
    const user = await insertUser(t.db)
    const ip = freshIp()
    await t.db.insertInto('loginThrottle').values({ key: `pair:${user.email} ${ip}`, failures: 60, blockedUntil: null }).execute()
    expectProblem(await login(user.email, 'wrong', ip), 401)
    const res = expectProblem(await login(user.email, TEST_PASSWORD, ip), 429)
    expect(res.detail).toMatch(/try again in \d+ seconds/)
    const retryAfter = Number((await login(user.email, TEST_PASSWORD, ip)).headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(890)
    expect(retryAfter).toBeLessThanOrEqual(900)
  })

  it('guesses spread over many addresses slow down new addresses, not the owner’s', async () => {
    const owner = await insertUser(t.db)
    const home = freshIp()
    expect((await login(owner.email, TEST_PASSWORD, home)).statusCode).toBe(200)
    // One guess from each address: no address reaches its own limit.
    for (let i = 0; i < FREE; i++) expectProblem(await login(owner.email, `spread ${i}`, freshIp()), 401)
    expectProblem(await login(owner.email, TEST_PASSWORD, freshIp()), 429)
    expect((await login(owner.email, TEST_PASSWORD, home)).statusCode).toBe(200)
  })

  it('one address trying many accounts is slowed over all of them', async () => {
    const ip = freshIp()
    for (let i = 0; i < FREE * 5; i++) expectProblem(await login(`nobody${i}@example.com`, 'spray', ip), 401)
    const user = await insertUser(t.db)
    expectProblem(await login(user.email, TEST_PASSWORD, ip), 429)
    expect((await login(user.email, TEST_PASSWORD, freshIp())).statusCode).toBe(200)
  })

  it('an unknown e-mail is throttled exactly like a real one (existence is not leaked)', async () => {
    const ip = freshIp()
    for (let i = 0; i < FREE; i++) expectProblem(await login('ghost@example.com', `g ${i}`, ip), 401)
    expect(expectProblem(await login('ghost@example.com', 'g', ip), 429).code).toBe('RATE_LIMITED')
  })
})
