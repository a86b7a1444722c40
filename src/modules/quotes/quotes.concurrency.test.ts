import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertOpportunity, insertUser } from '../../test/factories'
import { testEngine } from '../../test/test-engine'
import { insertOpportunityLines } from './quotes.fixtures'

/** Races: PostgreSQL only (PGlite has a single connection, so nothing runs at once). */
describe.skipIf(testEngine !== 'postgres')('quote races (PostgreSQL)', () => {
  let t: TestApp
  let admins: AuthHeaders[]
  let customerId: string
  let ownerId: string

  beforeAll(async () => {
    t = await createTestApp()
    admins = []
    for (let i = 0; i < 4; i++) admins.push(await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id))
    ownerId = (await insertUser(t.db, { role: 'sales' })).id
    customerId = (await insertCustomer(t.db, { ownerId })).id
  })
  afterAll(() => t?.close())

  const post = (url: string, who: AuthHeaders, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: who, payload })

  async function deal() {
    const d = await insertOpportunity(t.db, customerId, { ownerId, stage: 'proposal' })
    await insertOpportunityLines(t.db, d.id, [{ description: '服务', quantity: '1', unitPrice: '100' }])
    return d
  }

  it('quotes generated at the same moment get distinct, consecutive numbers', async () => {
    const deals = await Promise.all(Array.from({ length: 12 }, () => deal()))
    const results = await Promise.all(deals.map((d, i) => post(`/api/v1/opportunities/${d.id}/quotes`, admins[i % admins.length]!)))
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 201))
    const numbers = results.map((r) => json(r).number as string)
    expect(new Set(numbers).size).toBe(numbers.length)
    const seq = numbers.map((n) => Number(n.slice(-4))).sort((a, b) => a - b)
    expect(seq[seq.length - 1]! - seq[0]!).toBe(seq.length - 1) // no gaps, no duplicates
  })

  it('two people accepting the same quote at once: one order, one 409', async () => {
    for (let round = 0; round < 5; round++) {
      const d = await deal()
      const q = json(await post(`/api/v1/opportunities/${d.id}/quotes`, admins[0]!))
      const results = await Promise.all(admins.slice(0, 3).map((who) => post(`/api/v1/quotes/${q.id}/accept`, who)))
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409])
      expect(await t.db.selectFrom('orders').select('id').where('quoteId', '=', q.id).execute()).toHaveLength(1)
      const opp = await t.db.selectFrom('opportunities').select('stage').where('id', '=', d.id).executeTakeFirstOrThrow()
      expect(opp.stage).toBe('won')
    }
  })

  it('editing a sent quote twice at once makes one revision 2 and a 409', async () => {
    const d = await deal()
    const q = json(await post(`/api/v1/opportunities/${d.id}/quotes`, admins[0]!))
    await t.db.updateTable('quotes').set({ status: 'sent' }).where('id', '=', q.id).execute()
    const results = await Promise.all(admins.slice(0, 2).map((who, i) => t.app.inject({ method: 'PATCH', url: `/api/v1/quotes/${q.id}`, headers: who, payload: { version: 1, notes: `n${i}` } })))
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
    const revisions = await t.db.selectFrom('quotes').select(['revision', 'isLatest']).where('number', '=', q.number).orderBy('revision').execute()
    expect(revisions).toEqual([{ revision: 1, isLatest: false }, { revision: 2, isLatest: true }])
  })
})
