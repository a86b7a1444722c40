import { beforeAll } from 'vitest'
import { expect } from 'vitest'
import { json } from '../../test/test-app'
import { insertCustomer, insertOpportunity } from '../../test/factories'
import { ids } from '../../test/http'
import { describeMatrix, N, permissionMatrix, row, Y, type Ownership, type Probe, type Role, type Row } from '../../test/permission-matrix'
import { insertOpportunityLines } from './quotes.fixtures'

/**
 * Quotes and orders follow the deal rules (server/permissions.ts) on their own ownerId/teamId, kept
 * equal to the deal's (they change hands with it): admin everything; manager and sales their own
 * and their team's; support and marketing read everything, support writes what it owns, marketing writes nothing; invisible
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

const dealOf = (role: Role, o: Ownership) => dealFor(m.ownerOf(role, o))
async function dealFor(owner: { id: string; teamId: string | null }) {
  const d = await insertOpportunity(m.db, customerId, { name: `cell-${seq++}`, ownerId: owner.id, teamId: owner.teamId, stage: 'proposal' })
  await insertOpportunityLines(m.db, d.id, [{ description: '服务', quantity: '1', unitPrice: '100' }])
  return d
}
/** The deal made for a cell, and the quote or order made from it (by an admin, as set-up). */
interface Maker {
  dealOf(role: Role, o: Ownership): Promise<{ id: string }>
  /** Runs after a quote (and order) exist: the reassigned-deal matrix hands the deal over here. */
  settle(dealId: string, role: Role, o: Ownership): Promise<void>
}

const versionOf = async (table: 'quotes' | 'orders', id: string) =>
  (await m.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version

function probesFor({ dealOf, settle }: Maker): Record<Endpoint, Probe> {
  const quoteOf = async (role: Role, o: Ownership) => {
    const d = await dealOf(role, o)
    const q = await m.t.services.quotes.generate(adminCtx(), d.id, {})
    await settle(d.id, role, o)
    return q
  }
  const orderOf = async (role: Role, o: Ownership) => {
    const d = await dealOf(role, o)
    const q = await m.t.services.quotes.generate(adminCtx(), d.id, {})
    const order = await m.t.services.quoteAcceptance.accept(adminCtx(), q.id)
    await settle(d.id, role, o)
    return order
  }
  return {
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
      await settle(d.id, role, o)
      const res = await m.api.post(`/api/v1/opportunities/${d.id}/quotes`, {}, as[role])
      const made = await m.db.selectFrom('quotes').select('id').where('opportunityId', '=', d.id).execute()
      expect(made).toHaveLength(res.statusCode === 201 ? 1 : 0)
      return res.statusCode
    },
    'PATCH quote': async (role, o) => {
      const q = await quoteOf(role, o)
      const res = await m.api.patch(`/api/v1/quotes/${q.id}`, { version: await versionOf('quotes', q.id), notes: 'changed' }, as[role])
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
      const res = await m.api.patch(`/api/v1/orders/${order.id}`, { version: await versionOf('orders', order.id), status: 'confirmed' }, as[role])
      const after = await m.db.selectFrom('orders').select('status').where('id', '=', order.id).executeTakeFirstOrThrow()
      expect(after.status).toBe(res.statusCode === 200 ? 'confirmed' : 'pending')
      if (res.statusCode === 200) expect(json(res).status).toBe('confirmed')
      return res.statusCode
    },
  }
}

describeMatrix('quotes and orders', 'deal', MATRIX, probesFor({ dealOf, settle: async () => {} }))

/**
 * The same matrix for a deal that changed hands after its quote (and order) were made: they follow
 * the deal's new owner. Its first owner is one whose access differs from the final one's (another
 * team for the caller's own and teammate's deals; the caller himself for another team's), so a
 * quote that stayed with the first owner fails the row.
 */
const reassigned: Maker = {
  dealOf: (role, o) => dealFor(o === "other team's" ? users[role] : users.outsider),
  settle: async (dealId, role, o) => {
    const { version } = await m.db.selectFrom('opportunities').select('version').where('id', '=', dealId).executeTakeFirstOrThrow()
    await m.t.services.opportunities.update(adminCtx(), dealId, { version, ownerId: m.ownerOf(role, o).id })
  },
}
describeMatrix('quotes and orders of a reassigned deal', 'deal', MATRIX, probesFor(reassigned))
