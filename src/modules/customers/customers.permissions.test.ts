import { describe, expect, it } from 'vitest'
import { json } from '../../test/test-app'
import { insertCustomer, insertUser } from '../../test/factories'
import { ids } from '../../test/http'
import { describeMatrix, N, permissionMatrix, reassignCells, row, Y, type Ownership, type Probe, type Role, type Row } from '../../test/permission-matrix'

/**
 * The permission matrix of /customers: every endpoint × every role × whose record it is.
 * Everyone below is in team A except `outsider` (team B). Rules (server/permissions.ts):
 * admin everything; manager and sales their own and their team's records; support and marketing
 * read everything, support writes what it owns, marketing writes nothing; invisible → 404,
 * visible but not writable → 403; purge is admin only.
 */
const m = permissionMatrix()
const { users, as } = m

// Each triple is [own record, a teammate's record, another team's record].
// For `create` the triple is the ownerId asked for: [oneself, a teammate, a user of another team].
const MATRIX = {
  //                        admin            manager          sales            support          marketing
  'GET list':         row([Y, Y, Y],       [Y, Y, N],       [Y, Y, N],       [Y, Y, Y],       [Y, Y, Y]),
  'GET list deleted': row([Y, Y, Y],       [Y, Y, N],       [Y, Y, N],       [Y, N, N],       [N, N, N]),
  'GET':              row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 200, 200], [200, 200, 200]),
  'GET history':      row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 200, 200], [200, 200, 200]),
  'POST':             row([201, 201, 201], [201, 201, 403], [201, 403, 403], [201, 403, 403], [403, 403, 403]),
  'PATCH':            row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
  'PATCH take over':  row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
  'DELETE':           row([204, 204, 204], [204, 204, 404], [204, 204, 404], [204, 403, 403], [403, 403, 403]),
  'DELETE purge':     row([204, 204, 204], [403, 403, 403], [403, 403, 403], [403, 403, 403], [403, 403, 403]),
  'POST restore':     row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
  'POST merge':       row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
} satisfies Record<string, Row>
type Endpoint = keyof typeof MATRIX

// Re-assigning one's own record: [to a teammate, to a user of another team, to nobody (null)].
const REASSIGN: Row = row(
  [200, 200, 200], // admin: anyone
  [200, 403, 403], // manager: users of his team
  [403, 403, 403], // sales: only himself
  [403, 403, 403], // support: only himself
  [403, 403, 403], // marketing: writes nothing
)

let seq = 0

/** A fresh customer of this ownership, tagged uniquely so a list can be narrowed to it. */
const customerOf = (role: Role, o: Ownership, extra: { deletedAt?: Date } = {}) => {
  const owner = m.ownerOf(role, o)
  return insertCustomer(m.db, { ownerId: owner.id, teamId: owner.teamId, tags: [`cell-${seq++}`], ...extra })
}
const dbRow = (id: string) => m.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst()

/** Each probe makes its own records, calls the endpoint, checks the database agrees with the status, and returns the outcome. */
const probes: Record<Endpoint, Probe> = {
  'GET list': async (role, o) => {
    const c = await customerOf(role, o)
    const res = await m.api.get(`/api/v1/customers?tag=${c.tags[0]}`, as[role])
    expect(res.statusCode).toBe(200)
    return ids(res).includes(c.id) ? Y : N
  },
  'GET list deleted': async (role, o) => {
    const c = await customerOf(role, o, { deletedAt: new Date() })
    const res = await m.api.get(`/api/v1/customers?deleted=true&tag=${c.tags[0]}`, as[role])
    expect(res.statusCode).toBe(200)
    return ids(res).includes(c.id) ? Y : N
  },
  'GET': async (role, o) => {
    const c = await customerOf(role, o)
    const res = await m.api.get(`/api/v1/customers/${c.id}`, as[role])
    if (res.statusCode === 200) expect(json(res).id).toBe(c.id)
    return res.statusCode
  },
  'GET history': async (role, o) => {
    const c = await customerOf(role, o)
    const res = await m.api.get(`/api/v1/customers/${c.id}/history`, as[role])
    if (res.statusCode === 200) expect(json(res)).toEqual({ items: [], nextCursor: null })
    return res.statusCode
  },
  'POST': async (role, o) => {
    const name = `Created ${seq++}`
    const owner = m.ownerOf(role, o)
    const res = await m.api.post('/api/v1/customers', { name, ownerId: owner.id }, as[role])
    const rows = await m.db.selectFrom('customers').select(['ownerId', 'teamId']).where('name', '=', name).execute()
    expect(rows).toEqual(res.statusCode === 201 ? [{ ownerId: owner.id, teamId: owner.teamId }] : [])
    return res.statusCode
  },
  'PATCH': async (role, o) => {
    const c = await customerOf(role, o)
    const res = await m.api.patch(`/api/v1/customers/${c.id}`, { version: 1, industry: 'Changed' }, as[role])
    expect((await dbRow(c.id))!.industry).toBe(res.statusCode === 200 ? 'Changed' : null)
    return res.statusCode
  },
  'PATCH take over': async (role, o) => {
    const c = await customerOf(role, o)
    const res = await m.api.patch(`/api/v1/customers/${c.id}`, { version: 1, ownerId: users[role].id }, as[role])
    expect((await dbRow(c.id))!.ownerId).toBe(res.statusCode === 200 ? users[role].id : c.ownerId)
    return res.statusCode
  },
  'DELETE': async (role, o) => {
    const c = await customerOf(role, o)
    const res = await m.api.del(`/api/v1/customers/${c.id}`, as[role])
    expect((await dbRow(c.id))!.deletedAt === null).toBe(res.statusCode !== 204)
    return res.statusCode
  },
  'DELETE purge': async (role, o) => {
    const c = await customerOf(role, o)
    const res = await m.api.del(`/api/v1/customers/${c.id}?purge=true`, as[role])
    expect(await dbRow(c.id)).toEqual(res.statusCode === 204 ? undefined : expect.objectContaining({ id: c.id, deletedAt: null }))
    return res.statusCode
  },
  'POST restore': async (role, o) => {
    const c = await customerOf(role, o, { deletedAt: new Date() })
    const res = await m.api.post(`/api/v1/customers/${c.id}/restore`, undefined, as[role])
    expect((await dbRow(c.id))!.deletedAt === null).toBe(res.statusCode === 200)
    return res.statusCode
  },
  'POST merge': async (role, o) => {
    const target = await customerOf(role, o)
    const source = await customerOf(role, o)
    const res = await m.api.post(`/api/v1/customers/${target.id}/merge`, { sourceId: source.id }, as[role])
    expect((await dbRow(source.id))!.mergedInto).toBe(res.statusCode === 200 ? target.id : null)
    return res.statusCode
  },
}

describeMatrix('/customers', 'record', MATRIX, probes)

describe('assigning ownerId', () => {
  for (const { role, to, expected } of reassignCells(REASSIGN)) it(`${role} re-assigns his own record to ${to} → ${expected}`, async () => {
    const c = await customerOf(role, 'own')
    const ownerId = m.reassignee(to)?.id ?? null
    const res = await m.api.patch(`/api/v1/customers/${c.id}`, { version: 1, ownerId }, as[role])
    expect(res.statusCode).toBe(expected)
    const after = (await dbRow(c.id))!
    if (expected === 200) {
      expect(after).toMatchObject({ ownerId, teamId: m.reassignee(to)?.teamId ?? null, version: 2 })
    } else {
      expect(after).toMatchObject({ ownerId: c.ownerId, teamId: c.teamId, version: 1 })
    }
  })

  it('creating without ownerId makes the caller the owner, with his team', async () => {
    const res = await m.api.post('/api/v1/customers', { name: 'Mine by default' }, as.sales)
    expect(res.statusCode).toBe(201)
    expect(json(res)).toMatchObject({ ownerId: users.sales.id, teamId: m.teamA })
  })

  it('only an admin may create a customer without owner', async () => {
    expect((await m.api.post('/api/v1/customers', { name: 'Orphan 1', ownerId: null }, as.admin)).statusCode).toBe(201)
    expect((await m.api.post('/api/v1/customers', { name: 'Orphan 2', ownerId: null }, as.manager)).statusCode).toBe(403)
    expect(await m.db.selectFrom('customers').select('name').where('name', '=', 'Orphan 2').execute()).toEqual([])
  })

  it('an inactive or unknown owner is a 400 on ownerId, even for an admin', async () => {
    const inactive = await insertUser(m.db, { role: 'sales', teamId: m.teamA, active: false })
    for (const ownerId of [inactive.id, '0190a000-0000-7000-8000-000000000000']) {
      const created = await m.api.post('/api/v1/customers', { name: 'Nobody owns me', ownerId }, as.admin)
      expect(created.statusCode).toBe(400)
      expect(json(created).errors).toEqual([expect.objectContaining({ path: 'ownerId' })])
      const c = await customerOf('admin', 'own')
      const patched = await m.api.patch(`/api/v1/customers/${c.id}`, { version: 1, ownerId }, as.admin)
      expect(patched.statusCode).toBe(400)
      expect(json(patched).errors).toEqual([expect.objectContaining({ path: 'ownerId' })])
      expect((await dbRow(c.id))!.ownerId).toBe(users.admin.id)
    }
    expect(await m.db.selectFrom('customers').select('id').where('name', '=', 'Nobody owns me').execute()).toEqual([])
  })

  it('handing a record to another team takes it out of the giver’s sight', async () => {
    const c = await customerOf('manager', "teammate's")
    expect((await m.api.patch(`/api/v1/customers/${c.id}`, { version: 1, ownerId: users.outsider.id }, as.admin)).statusCode).toBe(200)
    expect((await m.api.get(`/api/v1/customers/${c.id}`, as.manager)).statusCode).toBe(404)
    expect((await m.api.get(`/api/v1/customers/${c.id}`, as.support)).statusCode).toBe(200)
  })
})

describe('edges', () => {
  it('purging a customer that does not exist is a 404 for an admin', async () => {
    expect((await m.api.del('/api/v1/customers/0190a000-0000-7000-8000-000000000000?purge=true', as.admin)).statusCode).toBe(404)
  })

  it('merging needs write access to both sides: an invisible source is a 404, a read-only one a 403', async () => {
    const target = await customerOf('sales', 'own')
    const hidden = await customerOf('sales', "other team's")
    expect((await m.api.post(`/api/v1/customers/${target.id}/merge`, { sourceId: hidden.id }, as.sales)).statusCode).toBe(404)
    const supportOwn = await customerOf('support', 'own')
    const readOnly = await customerOf('support', "teammate's")
    expect((await m.api.post(`/api/v1/customers/${supportOwn.id}/merge`, { sourceId: readOnly.id }, as.support)).statusCode).toBe(403)
    expect((await dbRow(hidden.id))!.deletedAt).toBeNull()
    expect((await dbRow(readOnly.id))!.deletedAt).toBeNull()
  })

  const someId = '0190a000-0000-7000-8000-000000000000'
  it.each([
    ['GET', '/api/v1/customers'],
    ['POST', '/api/v1/customers'],
    ['GET', `/api/v1/customers/${someId}`],
    ['PATCH', `/api/v1/customers/${someId}`],
    ['DELETE', `/api/v1/customers/${someId}`],
    ['DELETE', `/api/v1/customers/${someId}?purge=true`],
    ['POST', `/api/v1/customers/${someId}/restore`],
    ['POST', `/api/v1/customers/${someId}/merge`],
    ['GET', `/api/v1/customers/${someId}/history`],
  ] as const)('anonymous %s %s → 401, whatever the body', async (method, url) => {
    const payload = method === 'POST' || method === 'PATCH' ? { nonsense: true } : undefined
    const res = await m.t.app.inject({ method, url, ...(payload ? { payload } : {}) })
    expect(res.statusCode).toBe(401)
  })
})
