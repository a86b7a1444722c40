import { describe, expect, it } from 'vitest'
import { insertActivity, insertCustomer, insertOpportunity } from '../../test/factories'
import { ids } from '../../test/http'
import { insertTicket } from '../tickets/tickets.fixtures'
import { describeMatrix, N, permissionMatrix, row, Y, type Ownership, type Probe, type Role, type Row } from '../../test/permission-matrix'

/**
 * The permission matrix of /activities and the customer timeline: every endpoint × every role ×
 * whose record it is. The record is an activity on a customer, both owned by the same user (the
 * caller, a teammate, or a user of another team). An activity is visible to whoever may see its
 * customer (or lead, or deal) or owns it, and changeable with write access to either (see
 * activities.service.ts); invisible → 404, read-only → 403, purge is admin only.
 */
const m = permissionMatrix()
const { users, as } = m

// For POST the triple is whose customer the new activity is linked to.
const MATRIX = {
  //                        admin            manager          sales            support          marketing
  'GET list':         row([Y, Y, Y],       [Y, Y, N],       [Y, Y, N],       [Y, Y, Y],       [Y, Y, Y]),
  'GET':              row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 200, 200], [200, 200, 200]),
  // Support reads every customer but hangs work only on those it may change.
  'POST':             row([201, 201, 201], [201, 201, 400], [201, 201, 400], [201, 403, 403], [403, 403, 403]),
  // The triple is whose deal (on a customer of the same owner) the activity is on.
  'POST on a deal':   row([201, 201, 201], [201, 201, 400], [201, 201, 400], [201, 403, 403], [403, 403, 403]),
  'POST on a ticket': row([201, 201, 201], [201, 201, 201], [201, 201, 400], [201, 201, 201], [403, 403, 403]),
  'PATCH':            row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
  'DELETE':           row([204, 204, 204], [204, 204, 404], [204, 204, 404], [204, 403, 403], [403, 403, 403]),
  'DELETE purge':     row([204, 204, 204], [403, 403, 403], [403, 403, 403], [403, 403, 403], [403, 403, 403]),
  'POST restore':     row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
  'GET timeline':     row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 200, 200], [200, 200, 200]),
} satisfies Record<string, Row>
type Endpoint = keyof typeof MATRIX

let seq = 0

const customerOf = (role: Role, o: Ownership) => {
  const owner = m.ownerOf(role, o)
  return insertCustomer(m.db, { ownerId: owner.id, teamId: owner.teamId })
}
const activityOf = async (role: Role, o: Ownership, extra: { deletedAt?: Date } = {}) => {
  const owner = m.ownerOf(role, o)
  const c = await customerOf(role, o)
  return insertActivity(m.db, { customerId: c.id, ownerId: owner.id, teamId: owner.teamId, subject: `cell-${seq++}`, ...extra })
}
const dbRow = (id: string) => m.db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst()

const probes: Record<Endpoint, Probe> = {
  'GET list': async (role, o) => {
    const a = await activityOf(role, o)
    const res = await m.api.get(`/api/v1/activities?customerId=${a.customerId}`, as[role])
    expect(res.statusCode).toBe(200)
    return ids(res).includes(a.id) ? Y : N
  },
  'GET': async (role, o) => (await m.api.get(`/api/v1/activities/${(await activityOf(role, o)).id}`, as[role])).statusCode,
  'POST': async (role, o) => {
    const c = await customerOf(role, o)
    const subject = `Created ${seq++}`
    const res = await m.api.post('/api/v1/activities', { type: 'call', subject, customerId: c.id }, as[role])
    if (res.statusCode === 403 && role !== 'marketing') expect(res.json().errors).toEqual([{ path: 'customerId', message: expect.any(String) }])
    const rows = await m.db.selectFrom('activities').select(['ownerId', 'customerId']).where('subject', '=', subject).execute()
    expect(rows).toEqual(res.statusCode === 201 ? [{ ownerId: users[role].id, customerId: c.id }] : [])
    return res.statusCode
  },
  'POST on a deal': async (role, o) => {
    const owner = m.ownerOf(role, o)
    const d = await insertOpportunity(m.db, (await customerOf(role, o)).id, { ownerId: owner.id, teamId: owner.teamId })
    const subject = `On a deal ${seq++}`
    const res = await m.api.post('/api/v1/activities', { type: 'call', subject, opportunityId: d.id }, as[role])
    if (res.statusCode === 403 && role !== 'marketing') expect(res.json().errors).toEqual([{ path: 'customerId', message: expect.any(String) }])
    const rows = await m.db.selectFrom('activities').select('opportunityId').where('subject', '=', subject).execute()
    expect(rows).toEqual(res.statusCode === 201 ? [{ opportunityId: d.id }] : [])
    return res.statusCode
  },
  // The triple is whose customer the ticket is about: a rep may not note on another team's ticket
  // (managers and support work every ticket).
  'POST on a ticket': async (role, o) => {
    const ticket = await insertTicket(m.db, { customerId: (await customerOf(role, o)).id })
    const subject = `On a ticket ${seq++}`
    const res = await m.api.post('/api/v1/activities', { type: 'note', subject, ticketId: ticket.id }, as[role])
    if (res.statusCode === 400) expect(res.json().errors).toEqual([{ path: 'ticketId', message: 'No such record' }])
    const rows = await m.db.selectFrom('activities').select('ticketId').where('subject', '=', subject).execute()
    expect(rows).toEqual(res.statusCode === 201 ? [{ ticketId: ticket.id }] : [])
    return res.statusCode
  },
  'PATCH': async (role, o) => {
    const a = await activityOf(role, o)
    const res = await m.api.patch(`/api/v1/activities/${a.id}`, { version: 1, body: 'Changed' }, as[role])
    expect((await dbRow(a.id))!.body).toBe(res.statusCode === 200 ? 'Changed' : null)
    return res.statusCode
  },
  'DELETE': async (role, o) => {
    const a = await activityOf(role, o)
    const res = await m.api.del(`/api/v1/activities/${a.id}`, as[role])
    expect((await dbRow(a.id))!.deletedAt === null).toBe(res.statusCode !== 204)
    return res.statusCode
  },
  'DELETE purge': async (role, o) => {
    const a = await activityOf(role, o)
    const res = await m.api.del(`/api/v1/activities/${a.id}?purge=true`, as[role])
    expect(await dbRow(a.id)).toEqual(res.statusCode === 204 ? undefined : expect.objectContaining({ id: a.id, deletedAt: null }))
    return res.statusCode
  },
  'POST restore': async (role, o) => {
    const a = await activityOf(role, o, { deletedAt: new Date() })
    const res = await m.api.post(`/api/v1/activities/${a.id}/restore`, undefined, as[role])
    expect((await dbRow(a.id))!.deletedAt === null).toBe(res.statusCode === 200)
    return res.statusCode
  },
  'GET timeline': async (role, o) => {
    const a = await activityOf(role, o)
    const res = await m.api.get(`/api/v1/customers/${a.customerId}/timeline`, as[role])
    if (res.statusCode === 200) expect(ids(res)).toEqual([a.id])
    return res.statusCode
  },
}

describeMatrix('/activities', 'record', MATRIX, probes)

describe('edges', () => {
  it('an activity the caller owns on a customer he cannot see stays his to read and change', async () => {
    const c = await customerOf('sales', "other team's")
    const a = await insertActivity(m.db, { customerId: c.id, ownerId: users.sales.id, teamId: users.sales.teamId })
    expect((await m.api.get(`/api/v1/activities/${a.id}`, as.sales)).statusCode).toBe(200)
    expect((await m.api.patch(`/api/v1/activities/${a.id}`, { version: 1, body: 'Mine' }, as.sales)).statusCode).toBe(200)
  })

  it("support keeps its activity on a customer it only reads, but cannot move one there", async () => {
    const own = await customerOf('support', 'own')
    const other = await customerOf('support', "teammate's")
    const kept = await insertActivity(m.db, { customerId: other.id, ownerId: users.support.id, teamId: users.support.teamId })
    expect((await m.api.patch(`/api/v1/activities/${kept.id}`, { version: 1, ticketId: null, body: 'Still here' }, as.support)).statusCode).toBe(200)
    const mine = await insertActivity(m.db, { customerId: own.id, ownerId: users.support.id, teamId: users.support.teamId })
    const moved = await m.api.patch(`/api/v1/activities/${mine.id}`, { version: 1, customerId: other.id }, as.support)
    expect(moved.statusCode).toBe(403)
    expect((await dbRow(mine.id))!.customerId).toBe(own.id)
  })

  const someId = '0190a000-0000-7000-8000-000000000000'
  it.each([
    ['GET', '/api/v1/activities'],
    ['POST', '/api/v1/activities'],
    ['GET', `/api/v1/activities/${someId}`],
    ['PATCH', `/api/v1/activities/${someId}`],
    ['DELETE', `/api/v1/activities/${someId}`],
    ['POST', `/api/v1/activities/${someId}/restore`],
    ['GET', `/api/v1/customers/${someId}/timeline`],
  ] as const)('anonymous %s %s → 401, whatever the body', async (method, url) => {
    const payload = method === 'POST' || method === 'PATCH' ? { nonsense: true } : undefined
    const res = await m.t.app.inject({ method, url, ...(payload ? { payload } : {}) })
    expect(res.statusCode).toBe(401)
  })
})
