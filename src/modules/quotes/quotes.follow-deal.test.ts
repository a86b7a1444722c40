import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertCustomer, insertOpportunity, insertTeam, insertUser } from '../../test/factories'
import { http } from '../../test/http'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { up as alignLegacy } from '../../db/migrations/2026_12_08_0110_documents_follow_deals'
import { importApi } from '../imports/imports.test-support'
import { insertOpportunityLines } from './quotes.fixtures'

/**
 * Quotes and orders change hands with their deal on every path that hands a deal over (edit, bulk
 * assign, import and its undo), audited; winning a deal needs the right to change it.
 */
let t: TestApp
let api: ReturnType<typeof http>
let teamA: string
let teamB: string
let admin: { id: string }
let former: { id: string; teamId: string | null }
let next: { id: string; teamId: string | null }
let asAdmin: AuthHeaders
let asFormer: AuthHeaders
let asNext: AuthHeaders
let customerId: string

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  teamA = (await insertTeam(t.db)).id
  teamB = (await insertTeam(t.db)).id
  admin = await insertUser(t.db, { role: 'admin', teamId: teamA })
  former = await insertUser(t.db, { role: 'sales', teamId: teamA, name: '王前任' })
  next = await insertUser(t.db, { role: 'sales', teamId: teamB, name: '李新任' })
  asAdmin = await sessionFor(t, admin.id)
  asFormer = await sessionFor(t, former.id)
  asNext = await sessionFor(t, next.id)
  customerId = (await insertCustomer(t.db, { ownerId: admin.id, teamId: teamA })).id
})
afterAll(() => t.close())

const adminCtx = () => ({ actor: { userId: admin.id, role: 'admin' as const, teamId: teamA }, requestId: 'follow-deal' })
const owners = (table: 'quotes' | 'orders', opportunityId: string) =>
  t.db.selectFrom(table).select(['id', 'ownerId', 'teamId']).where('opportunityId', '=', opportunityId).orderBy('id').execute()

async function dealWithQuote(name = `Deal ${Math.random()}`) {
  const d = await insertOpportunity(t.db, customerId, { name, ownerId: former.id, teamId: former.teamId, stage: 'proposal' })
  await insertOpportunityLines(t.db, d.id, [{ description: '年度维护', quantity: '1', unitPrice: '900' }])
  const q = await t.services.quotes.generate(adminCtx(), d.id, {})
  return { deal: d, quote: q }
}

describe('a deal that changes hands takes its quotes and orders along', () => {
  it('on PATCH: the new owner reads, PDFs and accepts the quote; the former owner no longer sees it; each move is audited', async () => {
    const { deal, quote } = await dealWithQuote()
    const res = await api.patch(`/api/v1/opportunities/${deal.id}`, { version: 1, ownerId: next.id }, asAdmin)
    expect(res.statusCode).toBe(200)
    expect(await owners('quotes', deal.id)).toEqual([{ id: quote.id, ownerId: next.id, teamId: teamB }])
    const audit = await t.db.selectFrom('auditLog').select(['actorId', 'changes', 'requestId']).where('entity', '=', 'quote').where('entityId', '=', quote.id).where('action', '=', 'update').execute()
    expect(audit).toEqual([{ actorId: admin.id, requestId: expect.any(String), changes: { ownerId: { before: former.id, after: next.id }, teamId: { before: teamA, after: teamB } } }])

    for (const path of [`/api/v1/quotes/${quote.id}`, `/api/v1/quotes/${quote.id}/pdf`]) expect((await api.get(path, asFormer)).statusCode).toBe(404)
    expect((await api.post(`/api/v1/quotes/${quote.id}/accept`, {}, asFormer)).statusCode).toBe(404)
    expect((await api.get(`/api/v1/quotes/${quote.id}/pdf`, asNext)).statusCode).toBe(200)
    const accepted = await api.post(`/api/v1/quotes/${quote.id}/accept`, {}, asNext)
    expect(accepted.statusCode).toBe(201)
    expect(accepted.json()).toMatchObject({ ownerId: next.id, teamId: teamB })
    expect((await api.get(`/api/v1/orders/${accepted.json().id}`, asFormer)).statusCode).toBe(404)
  })

  it('on bulk assign: quotes and orders of every handed deal move, in the same transaction', async () => {
    const a = await dealWithQuote()
    const b = await dealWithQuote()
    const order = await t.services.quoteAcceptance.accept(adminCtx(), b.quote.id)
    const res = await api.post('/api/v1/opportunities/assign', { ids: [a.deal.id, b.deal.id], ownerId: next.id }, asAdmin)
    expect(res.statusCode).toBe(200)
    expect(await owners('quotes', a.deal.id)).toEqual([{ id: a.quote.id, ownerId: next.id, teamId: teamB }])
    expect(await owners('orders', b.deal.id)).toEqual([{ id: order.id, ownerId: next.id, teamId: teamB }])
    expect((await api.get(`/api/v1/orders/${order.id}`, asNext)).statusCode).toBe(200)
  })

  it('on an upsert import naming a new owner, and back on its undo', async () => {
    const name = `导入交易 ${Date.now()}`
    const { deal, quote } = await dealWithQuote(name)
    const imports = importApi(t)
    const customer = (await t.db.selectFrom('customers').select('name').where('id', '=', customerId).executeTakeFirstOrThrow()).name
    const owner = (await t.db.selectFrom('users').select('email').where('id', '=', next.id).executeTakeFirstOrThrow()).email
    const csv = `name,customer,owner\n${name},${customer},${owner}\n`
    const analyzed = (await imports.analyze(asAdmin, 'opportunities', { name: 'deals.csv', data: Buffer.from(csv) })).json()
    const status = await imports.run(asAdmin, analyzed.id, { entity: 'opportunities', mode: 'upsert', dedupeBy: 'name' })
    expect([status.counts, status.rowErrors]).toMatchObject([{ updated: 1, invalid: 0 }, []])
    expect(await owners('quotes', deal.id)).toEqual([{ id: quote.id, ownerId: next.id, teamId: teamB }])
    expect((await api.post(`/api/v1/imports/${analyzed.id}/undo`, {}, asAdmin)).statusCode).toBe(200)
    expect(await owners('quotes', deal.id)).toEqual([{ id: quote.id, ownerId: former.id, teamId: teamA }])
  })

  it('the upgrade gives quotes and orders left with a former owner their deal’s owner', async () => {
    const { deal, quote } = await dealWithQuote()
    await t.db.updateTable('opportunities').set({ ownerId: next.id, teamId: teamB }).where('id', '=', deal.id).execute()
    await alignLegacy(t.db as never)
    expect(await owners('quotes', deal.id)).toEqual([{ id: quote.id, ownerId: next.id, teamId: teamB }])
  })
})

describe('winning a deal needs the right to change it', () => {
  it('accepting a quote the caller may change, of a deal he may not, wins nothing and makes no order', async () => {
    const { deal, quote } = await dealWithQuote()
    // A quote left with its first owner while the deal went to another team (data from before the fix).
    await t.db.updateTable('opportunities').set({ ownerId: next.id, teamId: teamB }).where('id', '=', deal.id).execute()
    const res = await api.post(`/api/v1/quotes/${quote.id}/accept`, {}, asFormer)
    expect(res.statusCode).toBe(404)
    expect(await t.db.selectFrom('orders').select('id').where('quoteId', '=', quote.id).execute()).toEqual([])
    const after = await t.db.selectFrom('opportunities').select('stage').where('id', '=', deal.id).executeTakeFirstOrThrow()
    expect(after.stage).toBe('proposal')
    expect((await t.db.selectFrom('quotes').select('status').where('id', '=', quote.id).executeTakeFirstOrThrow()).status).toBe('draft')
  })
})
