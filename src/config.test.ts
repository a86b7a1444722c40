import { describe, expect, it } from 'vitest'
import { buildApp } from './app'
import { parseConfig } from './config'
import { createTestDatabase } from './test/test-db'

describe('KITH_TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['false', false],
    ['true', 1],
    ['2', 2],
    ['10.0.0.1, 10.0.0.0/8', '10.0.0.1,10.0.0.0/8'],
  ] as const)('%s → %s', (value, expected) => {
    expect(parseConfig(value === undefined ? {} : { KITH_TRUST_PROXY: value }).trustProxy).toEqual(expected)
  })

  it('refuses anything else, naming the variable', () => {
    expect(() => parseConfig({ KITH_TRUST_PROXY: 'yes please' })).toThrow(/KITH_TRUST_PROXY/)
  })

  // The address rate limits and the audit log see, behind one proxy that appends the client's.
  it.each([
    ['false', '127.0.0.1'],
    ['true', '203.0.113.9'],
    ['127.0.0.1', '203.0.113.9'],
    ['2', '198.51.100.7'],
  ])('with %s, a client that forges X-Forwarded-For is seen as %s', async (setting, seen) => {
    const database = await createTestDatabase()
    const { app } = await buildApp(parseConfig({ KITH_SECRET: 'test-secret-test-secret-test-secret!', LOG_LEVEL: 'silent', KITH_TRUST_PROXY: setting }), database, { logger: false })
    app.get('/whoami', (req) => ({ ip: req.ip }))
    try {
      // The client wrote "198.51.100.7"; the proxy appended the client's real address, 203.0.113.9.
      const res = await app.inject({ method: 'GET', url: '/whoami', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' } })
      expect(res.json()).toEqual({ ip: seen })
    } finally {
      await app.close()
      await database.close()
    }
  })
})
