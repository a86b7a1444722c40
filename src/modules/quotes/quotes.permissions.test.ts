import { beforeAll } from 'vitest'
import { expect } from 'vitest'
import { json } from '../../test/test-app'
import { insertCustomer, insertOpportunity } from '../../test/factories'
import { ids } from '../../test/http'
import { describeMatrix, N, permissionMatrix, row, Y, type Ownership, type Probe, type Role, type Row } from '../../test/permission-matrix'
import { insertOpportunityLines } from './quotes.fixtures'

/**
 * Quotes and orders follow the deal rules (server/permissions.ts) on their own ownerId/teamId,
 * copied from the deal: admin everything; manager and sales their own and their team's; support
 * and marketing read everything, support writes what it owns, marketing writes nothing; invisible
 * → 404, visible but not writable → 403. Generating a quote needs write access to the deal.
 */
const m = permissionMatrix()
const { users, as } = m

const READ = row([Y, Y, Y], [Y, Y, N], [Y, Y, N], [Y, Y, Y], [Y, Y, Y])
const GET = row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 200, 200], [200, 200, 200])
const WRITE = (ok: number) => row([ok, ok, ok], [ok, ok, 404], [ok, ok, 404], [ok, 403, 403], [403, 403, 403])

const MATRIX = {
  'GET list quotes': READ,
  'GET quote': GET,
  'GET quote pdf': GET,
  'POST generate from deal': WRITE(201),
  'PATCH quote': WRITE(200),
  'POST accept quote': WRITE(201),
  'POST reject quote': WRITE(200),
  'GET list orders of customer': READ,
  'GET order': GET,
  'PATCH order': WRITE(200),
} satisfies Record<string, Row>
type Endpoint = keyof typeof MATRIX

let customerId: string
let seq = 0
beforeAll(async () => {
  customerId = (await insertCustomer(m.db, { ownerId: users.admin.id, teamId: m.teamA })).id
})

const adminCtx = () => ({ actor: { userId: users.admin.id, role: 'admin' as const, teamId: m.teamA }, requestId: 'matrix' })

async function dealOf(role: Role, o: Ownership) {
  const owner = m.ownerOf(role, o)
  const d = await insertOpportunity(m.db, customerId, { name: `cell-${seq++}`, ownerId: owner.id, teamId: owner.teamId, stage: 'proposal' })
  await insertOpportunityLines(m.db, d.id, [{ description: '服务', quantity: '1', unitPrice: '100' }])
  return d
}
const quoteOf = async (role: Role, o: Ownership) => m.t.services.quotes.generate(adminCtx(), (await dealOf(role, o)).id, {})
const orderOf = async (role: Role, o: Ownership) => m.t.services.quoteAcceptance.accept(adminCtx(), (await quoteOf(role, o)).id)

const probes: Record<Endpoint, Probe> = {
  'GET list quotes': async (role, o) => {
    const q = await quoteOf(role, o)
    const res = await m.api.get(`/api/v1/quotes?opportunityId=${q.opportunityId}`, as[role])
    expect(res.statusCode).toBe(200)
    return ids(res).includes(q.id) ? Y : N
  },
  'GET quote': async (role, o) => (await m.api.get(`/api/v1/quotes/${(await quoteOf(role, o)).id}`, as[role])).statusCode,
  'GET quote pdf': async (role, o) => (await m.api.get(`/api/v1/quotes/${(await quoteOf(role, o)).id}/pdf`, as[role])).statusCode,
  'POST generate from deal': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await m.api.post(`/api/v1/opportunities/${d.id}/quotes`, {}, as[role])
    const made = await m.db.selectFrom('quotes').select('id').where('opportunityId', '=', d.id).execute()
    expect(made).toHaveLength(res.statusCode === 201 ? 1 : 0)
    return res.statusCode
  },
  'PATCH quote': async (role, o) => {
    const q = await quoteOf(role, o)
    const res = await m.api.patch(`/api/v1/quotes/${q.id}`, { version: 1, notes: 'changed' }, as[role])
    const after = await m.db.selectFrom('quotes').select('notes').where('id', '=', q.id).executeTakeFirstOrThrow()
    expect(after.notes).toBe(res.statusCode === 200 ? 'changed' : null)
    return res.statusCode
  },
  'POST accept quote': async (role, o) => {
    const q = await quoteOf(role, o)
    const res = await m.api.post(`/api/v1/quotes/${q.id}/accept`, {}, as[role])
    expect(await m.db.selectFrom('orders').select('id').where('quoteId', '=', q.id).execute()).toHaveLength(res.statusCode === 201 ? 1 : 0)
    return res.statusCode
  },
  'POST reject quote': async (role, o) => {
    const q = await quoteOf(role, o)
    const res = await m.api.post(`/api/v1/quotes/${q.id}/reject`, {}, as[role])
    const after = await m.db.selectFrom('quotes').select('status').where('id', '=', q.id).executeTakeFirstOrThrow()
    expect(after.status).toBe(res.statusCode === 200 ? 'rejected' : 'draft')
    return res.statusCode
  },
  'GET list orders of customer': async (role, o) => {
    const order = await orderOf(role, o)
    const res = await m.api.get(`/api/v1/orders?customerId=${customerId}&limit=200`, as[role])
    expect(res.statusCode).toBe(200)
    return ids(res).includes(order.id) ? Y : N
  },
  'GET order': async (role, o) => (await m.api.get(`/api/v1/orders/${(await orderOf(role, o)).id}`, as[role])).statusCode,
  'PATCH order': async (role, o) => {
    const order = await orderOf(role, o)
    const res = await m.api.patch(`/api/v1/orders/${order.id}`, { version: 1, status: 'confirmed' }, as[role])
    const after = await m.db.selectFrom('orders').select('status').where('id', '=', order.id).executeTakeFirstOrThrow()
    expect(after.status).toBe(res.statusCode === 200 ? 'confirmed' : 'pending')
    if (res.statusCode === 200) expect(json(res).status).toBe('confirmed')
    return res.statusCode
  },
}

describeMatrix('quotes and orders', 'deal', MATRIX, probes)
