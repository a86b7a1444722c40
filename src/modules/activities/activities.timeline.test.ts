import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertActivity, insertContact, insertCustomer, insertLead, insertTeam, insertUser } from '../../test/factories'
import { encodeCursor } from '../../lib/cursor'
import { expectProblem, http } from '../../test/http'
import { asSuperuser } from '../../test/audit-tamper'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let sales: AuthHeaders
let salesId: string
let teamId: string

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  teamId = (await insertTeam(t.db)).id
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  salesId = (await insertUser(t.db, { role: 'sales', teamId })).id
  sales = await sessionFor(t, salesId)
})
afterAll(() => t.close())

type Item = { kind: string; id: string; at: string; title: string; detail: string | null; actorId: string | null; actorName: string | null; activity: { id: string } | null; opportunityId: string | null }
const timeline = async (customerId: string, query = '', as = sales) => {
  const res = await api.get(`/api/v1/customers/${customerId}/timeline${query}`, as)
  expect(res.statusCode, res.body).toBe(200)
  return json(res) as { items: Item[]; nextCursor: string | null }
}
const allPages = async (customerId: string, limit: number) => {
  const seen: Item[] = []
  let cursor: string | null = null
  do {
    const page = await timeline(customerId, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
    seen.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return seen
}
const newestFirst = (items: Item[]) => {
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1]!, items[i]!]
    expect(a.at > b.at || (a.at === b.at && a.id > b.id), `${a.at} ${a.id} before ${b.at} ${b.id}`).toBe(true)
  }
}

describe('GET /customers/{id}/timeline', () => {
  it('merges activities, deal creation and stage changes, and lead conversions, newest first', async () => {
    const lead = await insertLead(t.db, { name: '周婷', company: '厦门海峡物流', ownerId: salesId })
    await insertActivity(t.db, { type: 'call', subject: 'Cold call', leadId: lead.id, ownerId: salesId })
    const converted = json(await api.post(`/api/v1/leads/${lead.id}/convert`, { createOpportunity: true }, sales))
    const customerId = converted.customer.id
    const deal = converted.opportunity
    const second = json(await api.post('/api/v1/opportunities', { name: '二期项目', customerId }, sales))
    expect((await api.patch(`/api/v1/opportunities/${deal.id}`, { version: deal.version, stage: 'proposal' }, sales)).statusCode).toBe(200)
    expect((await api.patch(`/api/v1/opportunities/${deal.id}`, { version: deal.version + 1, amount: '500.00' }, sales)).statusCode).toBe(200) // not a stage change
    const note = json(await api.post('/api/v1/activities', { type: 'note', subject: '签约意向强', customerId }, sales))

    const { items, nextCursor } = await timeline(customerId)
    expect(nextCursor).toBeNull()
    newestFirst(items)
    const kinds = items.map((i) => i.kind)
    expect(kinds.sort()).toEqual(['activity', 'activity', 'lead_converted', 'opportunity_created', 'opportunity_created', 'stage_change'])
    const stage = items.find((i) => i.kind === 'stage_change')!
    expect(stage).toMatchObject({ title: deal.name, detail: 'qualification → proposal', opportunityId: deal.id, actorId: salesId, activity: null })
    expect(stage.actorName).toEqual(expect.any(String))
    expect(items.find((i) => i.kind === 'lead_converted')).toMatchObject({ id: lead.id, title: '厦门海峡物流', detail: '周婷', opportunityId: deal.id, actorId: salesId })
    expect(items.filter((i) => i.kind === 'opportunity_created').map((i) => i.opportunityId).sort()).toEqual([deal.id, second.id].sort())
    expect(items.find((i) => i.id === note.id)).toMatchObject({ kind: 'activity', title: '签约意向强', activity: expect.objectContaining({ id: note.id, type: 'note' }) })
  })

  it('pages by keyset across the union: every item exactly once, in order, at any page size; inserts do not shift a cursor', async () => {
    const c = await insertCustomer(t.db, { ownerId: salesId, teamId })
    const base = Date.UTC(2026, 5, 1)
    // Same timestamps on purpose: ties are broken by id across sources.
    for (let i = 0; i < 23; i++) await insertActivity(t.db, { customerId: c.id, ownerId: salesId, createdAt: new Date(base + Math.floor(i / 3) * 60_000) })
    for (let i = 0; i < 4; i++) {
      const deal = json(await api.post('/api/v1/opportunities', { name: `Deal ${i}`, customerId: c.id }, sales))
      // Back-dated as no application path can (the log is append-only).
      await asSuperuser(t.db, (db) => db.updateTable('auditLog').set({ at: new Date(base + i * 90_000) }).where('entityId', '=', deal.id).execute())
    }
    const l = await insertLead(t.db, { ownerId: salesId })
    await t.db.updateTable('leads').set({ status: 'converted', convertedAt: new Date(base + 60_000), convertedCustomerId: c.id }).where('id', '=', l.id).execute()
    const everything = (await timeline(c.id, '?limit=200')).items
    expect(everything).toHaveLength(28)
    newestFirst(everything)
    for (const limit of [1, 2, 5, 7, 50]) expect((await allPages(c.id, limit)).map((i) => i.id), `limit ${limit}`).toEqual(everything.map((i) => i.id))

    const first = await timeline(c.id, '?limit=10')
    await insertActivity(t.db, { customerId: c.id, ownerId: salesId }) // newer than everything: lands before the cursor
    const second = await timeline(c.id, `?limit=10&cursor=${first.nextCursor}`)
    expect(second.items.map((i) => i.id)).toEqual(everything.slice(10, 20).map((i) => i.id))
  })

  it('follows the customer’s visibility; deleted activities are left out; a bad cursor is a 400', async () => {
    const other = await insertUser(t.db, { role: 'sales', teamId: (await insertTeam(t.db)).id })
    const hidden = await insertCustomer(t.db, { ownerId: other.id, teamId: other.teamId })
    expectProblem(await api.get(`/api/v1/customers/${hidden.id}/timeline`, sales), 404)
    expect((await api.get(`/api/v1/customers/${hidden.id}/timeline`, admin)).statusCode).toBe(200)
    const c = await insertCustomer(t.db, { ownerId: salesId, teamId })
    const gone = await insertActivity(t.db, { customerId: c.id, ownerId: salesId, deletedAt: new Date() })
    expect((await timeline(c.id)).items.map((i) => i.id)).not.toContain(gone.id)
    expectProblem(await api.get(`/api/v1/customers/${c.id}/timeline?cursor=junk`, sales), 400, ['cursor'])
    expectProblem(await api.get(`/api/v1/customers/${c.id}/timeline?cursor=${encodeCursor({ s: 'timeline', v: 'soon', id: c.id })}`, sales), 400, ['cursor'])
    expectProblem(await api.get(`/api/v1/customers/${c.id}/timeline?limit=201`, sales), 400, ['limit'])
  })

  it('shows deals of the customer only to those who may see the deal', async () => {
    const c = await insertCustomer(t.db, { ownerId: salesId, teamId })
    const other = await insertUser(t.db, { role: 'sales', teamId: (await insertTeam(t.db)).id })
    json(await api.post('/api/v1/opportunities', { name: 'Foreign deal', customerId: c.id, ownerId: other.id }, admin))
    expect((await timeline(c.id)).items).toEqual([])
    expect((await timeline(c.id, '', admin)).items.map((i) => i.kind)).toEqual(['opportunity_created'])
  })
})

describe('customer merge and purge take the activities along', () => {
  it('a merge moves the source’s activities to the survivor and counts them in the audit', async () => {
    const target = await insertCustomer(t.db, { ownerId: salesId, teamId })
    const source = await insertCustomer(t.db, { ownerId: salesId, teamId })
    const p = await insertContact(t.db, source.id)
    const a1 = await insertActivity(t.db, { customerId: source.id, ownerId: salesId })
    const a2 = await insertActivity(t.db, { customerId: source.id, contactId: p.id, ownerId: salesId })
    const res = await api.post(`/api/v1/customers/${target.id}/merge`, { sourceId: source.id }, sales)
    expect(res.statusCode, res.body).toBe(200)
    const moved = await t.db.selectFrom('activities').select(['id', 'customerId', 'contactId']).where('id', 'in', [a1.id, a2.id]).orderBy('id').execute()
    expect(moved).toEqual([{ id: a1.id, customerId: target.id, contactId: null }, { id: a2.id, customerId: target.id, contactId: p.id }].sort((x, y) => (x.id < y.id ? -1 : 1)))
    const audit = await t.db.selectFrom('auditLog').select('changes').where('entityId', '=', target.id).where('action', '=', 'merge').executeTakeFirstOrThrow()
    expect(audit.changes).toMatchObject({ moved: { activities: 2, contacts: 1 } })
    expect((await timeline(target.id)).items.map((i) => i.id)).toEqual(expect.arrayContaining([a1.id, a2.id]))
  })

  it('purging a customer deletes its activities, those on its contacts and deals too', async () => {
    const c = await insertCustomer(t.db, { ownerId: salesId, teamId })
    const p = await insertContact(t.db, c.id)
    const deal = json(await api.post('/api/v1/opportunities', { name: 'To purge', customerId: c.id }, sales))
    const direct = await insertActivity(t.db, { customerId: c.id, ownerId: salesId })
    const viaContact = await insertActivity(t.db, { contactId: p.id, ownerId: salesId })
    const viaDeal = await insertActivity(t.db, { opportunityId: deal.id, ownerId: salesId })
    const unrelated = await insertActivity(t.db, { type: 'task', ownerId: salesId })
    expect((await api.del(`/api/v1/customers/${c.id}?purge=true`, admin)).statusCode).toBe(204)
    const left = await t.db.selectFrom('activities').select('id').where('id', 'in', [direct.id, viaContact.id, viaDeal.id, unrelated.id]).execute()
    expect(left).toEqual([{ id: unrelated.id }])
  })

  it('purging a deal unlinks the activities that are also on its customer', async () => {
    const c = await insertCustomer(t.db, { ownerId: salesId, teamId })
    const deal = json(await api.post('/api/v1/opportunities', { name: 'Purged deal', customerId: c.id }, sales))
    const a = json(await api.post('/api/v1/activities', { type: 'meeting', subject: 'Kick-off', opportunityId: deal.id }, sales))
    expect((await api.del(`/api/v1/opportunities/${deal.id}?purge=true`, admin)).statusCode).toBe(204)
    expect(await t.db.selectFrom('activities').select(['customerId', 'opportunityId']).where('id', '=', a.id).executeTakeFirstOrThrow()).toEqual({ customerId: c.id, opportunityId: null })
  })
})
