import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertContact, insertCustomer, insertUser } from '../../test/factories'
import { testEngine } from '../../test/test-engine'

/** Locking and races: PostgreSQL only (PGlite has a single connection, so nothing runs at once). */
describe.skipIf(testEngine !== 'postgres')('concurrency (PostgreSQL)', () => {
  let t: TestApp
  let admin: AuthHeaders

  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t?.close())

  const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers: AuthHeaders = admin) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })

  it('two concurrent set-ups create one admin: one 200, one 409', async () => {
    const body = (n: number) => ({ email: `first-${n}@example.com`, name: `First ${n}`, password: 'a long enough password' })
    const results = await Promise.all([inject('POST', '/api/v1/setup', body(1), {}), inject('POST', '/api/v1/setup', body(2), {})])
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
    expect(await t.db.selectFrom('users').select('role').execute()).toEqual([{ role: 'admin' }])
    admin = await sessionFor(t, (await t.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id)
  })

  it('two concurrent PATCHes with the same version: exactly one 200 and one 409', async () => {
    for (let round = 0; round < 5; round++) {
      const c = await insertCustomer(t.db, { name: `Race ${round}` })
      const results = await Promise.all(['left', 'right'].map((side) => inject('PATCH', `/api/v1/customers/${c.id}`, { version: 1, industry: side })))
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
      const winner = json(results.find((r) => r.statusCode === 200)!)
      expect(json(results.find((r) => r.statusCode === 409)!).current).toMatchObject({ version: 2, industry: winner.industry })
      const row = await t.db.selectFrom('customers').select(['version', 'industry']).where('id', '=', c.id).executeTakeFirstOrThrow()
      expect(row).toEqual({ version: 2, industry: winner.industry })
      expect(await t.db.selectFrom('auditLog').select('id').where('entityId', '=', c.id).execute()).toHaveLength(1)
    }
  })

  it('concurrent merges A←B and B←A do not deadlock: one succeeds, the other is a 404', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await insertCustomer(t.db, { name: `A ${round}` })
      const b = await insertCustomer(t.db, { name: `B ${round}` })
      await insertContact(t.db, a.id)
      await insertContact(t.db, b.id)
      const results = await Promise.all([
        inject('POST', `/api/v1/customers/${a.id}/merge`, { sourceId: b.id }),
        inject('POST', `/api/v1/customers/${b.id}/merge`, { sourceId: a.id }),
      ])
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 404])
      const survivor = json(results.find((r) => r.statusCode === 200)!).id as string
      const merged = survivor === a.id ? b.id : a.id
      const rows = await t.db.selectFrom('customers').select(['id', 'deletedAt', 'mergedInto']).where('id', 'in', [a.id, b.id]).execute()
      expect(rows.find((r) => r.id === survivor)).toMatchObject({ deletedAt: null, mergedInto: null })
      expect(rows.find((r) => r.id === merged)).toMatchObject({ deletedAt: expect.any(Date), mergedInto: survivor })
      expect(await t.db.selectFrom('contacts').select('id').where('customerId', '=', survivor).execute()).toHaveLength(2)
    }
  })

  it('two admins demoting each other at once leave one admin', async () => {
    const a = await insertUser(t.db, { role: 'admin' })
    const b = await insertUser(t.db, { role: 'admin' })
    // Only a and b remain active admins: the set-up admin steps aside first.
    const setupAdmin = await t.db.selectFrom('users').select('id').where('role', '=', 'admin').where('id', 'not in', [a.id, b.id]).executeTakeFirstOrThrow()
    await t.db.updateTable('users').set({ role: 'manager' }).where('id', '=', setupAdmin.id).execute()
    const [asA, asB] = await Promise.all([sessionFor(t, a.id), sessionFor(t, b.id)])
    const results = await Promise.all([
      inject('PATCH', `/api/v1/users/${b.id}`, { version: 1, role: 'sales' }, asA),
      inject('PATCH', `/api/v1/users/${a.id}`, { version: 1, role: 'sales' }, asB),
    ])
    // The loser is refused as the last admin (400), or as no admin any more if it was signed in after the winner (403).
    const [first, second] = results.map((r) => r.statusCode).sort()
    expect(first).toBe(200)
    expect([400, 403]).toContain(second)
    expect(await t.db.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', true).execute()).toHaveLength(1)
  })
})
