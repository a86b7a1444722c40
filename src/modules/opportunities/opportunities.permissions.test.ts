import { beforeAll, describe, expect, it } from 'vitest'
import { json } from '../../test/test-app'
import { insertCustomer, insertOpportunity } from '../../test/factories'
import { ids } from '../../test/http'
import { describeMatrix, N, permissionMatrix, reassignCells, row, ROLES, Y, type Ownership, type Probe, type Role, type Row } from '../../test/permission-matrix'

/**
 * The permission matrix of /opportunities: every endpoint × every role × whose deal it is.
 * Everyone below is in team A except `outsider` (team B). The rules are those of customers
 * (server/permissions.ts), applied to the deal's own ownerId/teamId: admin everything; manager and
 * sales their own and their team's; support and marketing read everything, support writes what it
 * owns, marketing writes nothing; invisible → 404, visible but not writable → 403; purge is admin
 * only; bulk assignment is for managers (their team) and admins.
 */
const m = permissionMatrix()
const { users, as } = m

// Each triple is [own deal, a teammate's deal, another team's deal].
// For `POST` the triple is the ownerId asked for: [oneself, a teammate, a user of another team].
const MATRIX = {
  //                        admin            manager          sales            support          marketing
  'GET list':         row([Y, Y, Y],       [Y, Y, N],       [Y, Y, N],       [Y, Y, Y],       [Y, Y, Y]),
  'GET list deleted': row([Y, Y, Y],       [Y, Y, N],       [Y, Y, N],       [Y, N, N],       [N, N, N]),
  'GET board':        row([Y, Y, Y],       [Y, Y, N],       [Y, Y, N],       [Y, Y, Y],       [Y, Y, Y]),
  'GET':              row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 200, 200], [200, 200, 200]),
  'GET history':      row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 200, 200], [200, 200, 200]),
  'POST':             row([201, 201, 201], [201, 201, 403], [201, 403, 403], [201, 403, 403], [403, 403, 403]),
  'PATCH':            row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
  'PATCH stage':      row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
  'PATCH take over':  row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
  'DELETE':           row([204, 204, 204], [204, 204, 404], [204, 204, 404], [204, 403, 403], [403, 403, 403]),
  'DELETE purge':     row([204, 204, 204], [403, 403, 403], [403, 403, 403], [403, 403, 403], [403, 403, 403]),
  'POST restore':     row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
  'POST assign':      row([200, 200, 200], [200, 200, 404], [403, 403, 403], [403, 403, 403], [403, 403, 403]),
  // The triple is whose customer the new deal (the caller's own) is for: a customer the caller only
  // reads gets no deal hung on it (support reads every customer, changes only its own).
  'POST on a customer':  row([201, 201, 201], [201, 201, 400], [201, 201, 400], [201, 403, 403], [403, 403, 403]),
  'PATCH customer':      row([200, 200, 200], [200, 200, 400], [200, 200, 400], [200, 403, 403], [403, 403, 403]),
} satisfies Record<string, Row>
type Endpoint = keyof typeof MATRIX

// Re-assigning one's own deal (PATCH ownerId): [to a teammate, to a user of another team, to nobody (null)].
const REASSIGN: Row = row(
  [200, 200, 200], // admin: anyone
  [200, 403, 403], // manager: users of his team
  [403, 403, 403], // sales: only himself
  [403, 403, 403], // support: only himself
  [403, 403, 403], // marketing: writes nothing
)

let customerId: string
const ownCustomer = {} as Record<Role, string>
let seq = 0
beforeAll(async () => {
  for (const role of ROLES) ownCustomer[role] = (await insertCustomer(m.db, { ownerId: users[role].id, teamId: m.teamA })).id
  customerId = (await insertCustomer(m.db, { ownerId: users.admin.id, teamId: m.teamA })).id
})

/** A fresh deal of this ownership, named uniquely so a list can be narrowed to it. */
const dealOf = (role: Role, o: Ownership, extra: { deletedAt?: Date } = {}) => {
  const owner = m.ownerOf(role, o)
  return insertOpportunity(m.db, customerId, { name: `cell-${seq++}`, ownerId: owner.id, teamId: owner.teamId, ...extra })
}
const dbRow = (id: string) => m.db.selectFrom('opportunities').selectAll().where('id', '=', id).executeTakeFirst()

const probes: Record<Endpoint, Probe> = {
  'GET list': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await m.api.get(`/api/v1/opportunities?q=${d.name}&limit=200`, as[role])
    expect(res.statusCode).toBe(200)
    return ids(res).includes(d.id) ? Y : N
  },
  'GET list deleted': async (role, o) => {
    const d = await dealOf(role, o, { deletedAt: new Date() })
    const res = await m.api.get(`/api/v1/opportunities?deleted=true&q=${d.name}&limit=200`, as[role])
    expect(res.statusCode).toBe(200)
    return ids(res).includes(d.id) ? Y : N
  },
  'GET board': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await m.api.get(`/api/v1/opportunities/board?perStage=200&ownerId=${d.ownerId}`, as[role])
    expect(res.statusCode).toBe(200)
    return json(res).columns.some((c: { items: { id: string }[] }) => c.items.some((i) => i.id === d.id)) ? Y : N
  },
  'GET': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await m.api.get(`/api/v1/opportunities/${d.id}`, as[role])
    if (res.statusCode === 200) expect(json(res).id).toBe(d.id)
    return res.statusCode
  },
  'GET history': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await m.api.get(`/api/v1/opportunities/${d.id}/history`, as[role])
    if (res.statusCode === 200) expect(json(res)).toEqual({ items: [] })
    return res.statusCode
  },
  'POST': async (role, o) => {
    const name = `Created ${seq++}`
    const owner = m.ownerOf(role, o)
    const res = await m.api.post('/api/v1/opportunities', { customerId: ownCustomer[role], name, ownerId: owner.id }, as[role])
    const rows = await m.db.selectFrom('opportunities').select(['ownerId', 'teamId']).where('name', '=', name).execute()
    expect(rows).toEqual(res.statusCode === 201 ? [{ ownerId: owner.id, teamId: owner.teamId }] : [])
    return res.statusCode
  },
  'PATCH': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await m.api.patch(`/api/v1/opportunities/${d.id}`, { version: 1, expectedCloseDate: '2027-01-31' }, as[role])
    expect((await dbRow(d.id))!.expectedCloseDate).toBe(res.statusCode === 200 ? '2027-01-31' : null)
    return res.statusCode
  },
  'PATCH stage': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await m.api.patch(`/api/v1/opportunities/${d.id}`, { version: 1, stage: 'proposal' }, as[role])
    expect((await dbRow(d.id))!.stage).toBe(res.statusCode === 200 ? 'proposal' : 'qualification')
    return res.statusCode
  },
  'PATCH take over': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await m.api.patch(`/api/v1/opportunities/${d.id}`, { version: 1, ownerId: users[role].id }, as[role])
    expect((await dbRow(d.id))!.ownerId).toBe(res.statusCode === 200 ? users[role].id : d.ownerId)
    return res.statusCode
  },
  'DELETE': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await m.api.del(`/api/v1/opportunities/${d.id}`, as[role])
    expect((await dbRow(d.id))!.deletedAt === null).toBe(res.statusCode !== 204)
    return res.statusCode
  },
  'DELETE purge': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await m.api.del(`/api/v1/opportunities/${d.id}?purge=true`, as[role])
    expect(await dbRow(d.id)).toEqual(res.statusCode === 204 ? undefined : expect.objectContaining({ id: d.id, deletedAt: null }))
    return res.statusCode
  },
  'POST restore': async (role, o) => {
    const d = await dealOf(role, o, { deletedAt: new Date() })
    const res = await m.api.post(`/api/v1/opportunities/${d.id}/restore`, undefined, as[role])
    expect((await dbRow(d.id))!.deletedAt === null).toBe(res.statusCode === 200)
    return res.statusCode
  },
  'POST on a customer': async (role, o) => {
    const owner = m.ownerOf(role, o)
    const c = await insertCustomer(m.db, { ownerId: owner.id, teamId: owner.teamId })
    const name = `On a customer ${seq++}`
    const res = await m.api.post('/api/v1/opportunities', { customerId: c.id, name }, as[role])
    if (res.statusCode === 400 || (res.statusCode === 403 && role !== 'marketing')) expect(json(res).errors).toEqual([{ path: 'customerId', message: expect.any(String) }])
    expect(await m.db.selectFrom('opportunities').select('customerId').where('name', '=', name).execute()).toEqual(res.statusCode === 201 ? [{ customerId: c.id }] : [])
    return res.statusCode
  },
  // The caller's own deal, moved onto a customer of this ownership.
  'PATCH customer': async (role, o) => {
    const d = await dealOf(role, 'own')
    const owner = m.ownerOf(role, o)
    const c = await insertCustomer(m.db, { ownerId: owner.id, teamId: owner.teamId })
    const res = await m.api.patch(`/api/v1/opportunities/${d.id}`, { version: 1, customerId: c.id }, as[role])
    expect((await dbRow(d.id))!.customerId).toBe(res.statusCode === 200 ? c.id : customerId)
    return res.statusCode
  },
  'POST assign': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await m.api.post('/api/v1/opportunities/assign', { ids: [d.id], ownerId: users[role].id }, as[role])
    expect((await dbRow(d.id))!.ownerId).toBe(res.statusCode === 200 ? users[role].id : d.ownerId)
    return res.statusCode
  },
}

describeMatrix('/opportunities', 'deal', MATRIX, probes)

describe('assigning ownerId on PATCH', () => {
  for (const { role, to, expected } of reassignCells(REASSIGN)) it(`${role} re-assigns his own deal to ${to} → ${expected}`, async () => {
    const d = await dealOf(role, 'own')
    const ownerId = m.reassignee(to)?.id ?? null
    const res = await m.api.patch(`/api/v1/opportunities/${d.id}`, { version: 1, ownerId }, as[role])
    expect(res.statusCode).toBe(expected)
    const after = (await dbRow(d.id))!
    if (expected === 200) {
      expect(after).toMatchObject({ ownerId, teamId: m.reassignee(to)?.teamId ?? null, version: 2 })
    } else {
      expect(after).toMatchObject({ ownerId: d.ownerId, teamId: d.teamId, version: 1 })
    }
  })

  it('creating without ownerId makes the caller the owner, with his team', async () => {
    const res = await m.api.post('/api/v1/opportunities', { customerId: ownCustomer.sales, name: 'Mine by default' }, as.sales)
    expect(json(res)).toMatchObject({ ownerId: users.sales.id, teamId: users.sales.teamId })
  })
})

describe('edges', () => {
  const someId = '0190a000-0000-7000-8000-000000000000'
  it.each([
    ['GET', '/api/v1/opportunities'],
    ['POST', '/api/v1/opportunities'],
    ['GET', '/api/v1/opportunities/board'],
    ['POST', '/api/v1/opportunities/assign'],
    ['GET', `/api/v1/opportunities/${someId}`],
    ['PATCH', `/api/v1/opportunities/${someId}`],
    ['DELETE', `/api/v1/opportunities/${someId}`],
    ['DELETE', `/api/v1/opportunities/${someId}?purge=true`],
    ['POST', `/api/v1/opportunities/${someId}/restore`],
    ['GET', `/api/v1/opportunities/${someId}/history`],
  ] as const)('anonymous %s %s → 401, whatever the body', async (method, url) => {
    const payload = method === 'POST' || method === 'PATCH' ? { nonsense: true } : undefined
    const res = await m.t.app.inject({ method, url, ...(payload ? { payload } : {}) })
    expect(res.statusCode).toBe(401)
  })
})
