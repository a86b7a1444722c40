import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertActivity, insertCustomer, insertUser } from '../../test/factories'
import { insertTicket } from './tickets.fixtures'

/** A customer's tickets on his timeline, for those who may see tickets. */
let t: TestApp
let support: AuthHeaders
let marketing: AuthHeaders
let customerId: string
const ticketIds: string[] = []

beforeAll(async () => {
  t = await createTestApp()
  support = await sessionFor(t, (await insertUser(t.db, { role: 'support' })).id)
  marketing = await sessionFor(t, (await insertUser(t.db, { role: 'marketing' })).id)
  customerId = (await insertCustomer(t.db, { name: '杭州丝绸' })).id
  const base = Date.now() - 10 * 60_000
  for (let i = 0; i < 3; i++) {
    await insertActivity(t.db, { customerId, subject: `call ${i}`, createdAt: new Date(base + (2 * i) * 1000) })
    ticketIds.push((await insertTicket(t.db, { customerId, subject: `工单 ${i}`, createdAt: new Date(base + (2 * i + 1) * 1000) })).id)
  }
  await insertTicket(t.db, { customerId, subject: 'deleted', deletedAt: new Date() })
})
afterAll(() => t.close())

const timeline = async (as: AuthHeaders, query = '') => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/customers/${customerId}/timeline${query}`, headers: as })
  expect(res.statusCode, res.body).toBe(200)
  return json(res) as { items: { kind: string; id: string; title: string; detail: string | null }[]; nextCursor: string | null }
}

describe('the customer timeline with tickets', () => {
  it('still answers for a customer who has tickets', async () => {
    expect((await timeline(support)).items.filter((i) => i.kind === 'activity')).toHaveLength(3)
  })

  it('interleaves the tickets by time, newest first, pages by keyset, and hides them from marketing', async () => {
    const all = await timeline(support)
    expect(all.items.map((i) => i.kind)).toEqual(['ticket', 'activity', 'ticket', 'activity', 'ticket', 'activity'])
    const newest = all.items[0]!
    expect(newest).toMatchObject({ id: ticketIds[2], detail: 'new' })
    expect(newest.title).toMatch(/工单 2$/)
    const first = await timeline(support, '?limit=4')
    const second = await timeline(support, `?limit=4&cursor=${first.nextCursor}`)
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(all.items.map((i) => i.id))
    expect((await timeline(marketing)).items.map((i) => i.kind)).toEqual(['activity', 'activity', 'activity'])
  })
})
