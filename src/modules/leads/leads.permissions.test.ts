import { describe, expect, it } from 'vitest'
import { json } from '../../test/test-app'
import { insertLead } from '../../test/factories'
import { ids } from '../../test/http'
import { describeMatrix, N, permissionMatrix, row, Y, type Ownership, type Probe, type Role, type Row } from '../../test/permission-matrix'

/**
 * The permission matrix of /leads: every endpoint × every role × whose lead it is. Leads follow
 * the customers' rules (server/permissions.ts): admin everything; manager and sales their own and
 * their team's; support and marketing read everything, support writes what it owns, marketing
 * nothing; invisible → 404, visible but not writable → 403; purge is admin only.
 * Everyone is in team A except `outsider` (team B).
 */
const m = permissionMatrix()
const { users, as } = m

// [own lead, a teammate's lead, another team's lead]; for POST the ownerId asked for.
const MATRIX = {
  //                        admin            manager          sales            support          marketing
  'GET list':         row([Y, Y, Y],       [Y, Y, N],       [Y, Y, N],       [Y, Y, Y],       [Y, Y, Y]),
  'GET list deleted': row([Y, Y, Y],       [Y, Y, N],       [Y, Y, N],       [Y, N, N],       [N, N, N]),
  'GET':              row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 200, 200], [200, 200, 200]),
  'GET duplicates':   row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 200, 200], [200, 200, 200]),
  'GET history':      row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 200, 200], [200, 200, 200]),
  'POST':             row([201, 201, 201], [201, 201, 403], [201, 403, 403], [201, 403, 403], [403, 403, 403]),
  'PATCH':            row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
  'DELETE':           row([204, 204, 204], [204, 204, 404], [204, 204, 404], [204, 403, 403], [403, 403, 403]),
  'DELETE purge':     row([204, 204, 204], [403, 403, 403], [403, 403, 403], [403, 403, 403], [403, 403, 403]),
  'POST restore':     row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
  'POST convert':     row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
  // Bulk assign of one lead of this ownership to the caller's teammate (admin: to anyone).
  'POST assign':      row([200, 200, 200], [200, 200, 404], [403, 403, 403], [403, 403, 403], [403, 403, 403]),
} satisfies Record<string, Row>
type Endpoint = keyof typeof MATRIX

let seq = 0

/** A fresh lead of this ownership with a unique source, so a list can be narrowed to it. */
const leadOf = (role: Role, o: Ownership, extra: { deletedAt?: Date } = {}) => {
  const owner = m.ownerOf(role, o)
  return insertLead(m.db, { ownerId: owner.id, teamId: owner.teamId, source: `cell-${seq++}`, email: `cell-${seq}@example.com`, ...extra })
}
const dbRow = (id: string) => m.db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirst()

const probes: Record<Endpoint, Probe> = {
  'GET list': async (role, o) => {
    const l = await leadOf(role, o)
    const res = await m.api.get(`/api/v1/leads?source=${l.source}`, as[role])
    expect(res.statusCode).toBe(200)
    return ids(res).includes(l.id) ? Y : N
  },
  'GET list deleted': async (role, o) => {
    const l = await leadOf(role, o, { deletedAt: new Date() })
    const res = await m.api.get(`/api/v1/leads?deleted=true&source=${l.source}`, as[role])
    expect(res.statusCode).toBe(200)
    return ids(res).includes(l.id) ? Y : N
  },
  'GET': async (role, o) => (await m.api.get(`/api/v1/leads/${(await leadOf(role, o)).id}`, as[role])).statusCode,
  'GET duplicates': async (role, o) => (await m.api.get(`/api/v1/leads/${(await leadOf(role, o)).id}/duplicates`, as[role])).statusCode,
  'GET history': async (role, o) => (await m.api.get(`/api/v1/leads/${(await leadOf(role, o)).id}/history`, as[role])).statusCode,
  'POST': async (role, o) => {
    const name = `Created ${seq++}`
    const owner = m.ownerOf(role, o)
    const res = await m.api.post('/api/v1/leads', { name, ownerId: owner.id }, as[role])
    const rows = await m.db.selectFrom('leads').select(['ownerId', 'teamId']).where('name', '=', name).execute()
    expect(rows).toEqual(res.statusCode === 201 ? [{ ownerId: owner.id, teamId: owner.teamId }] : [])
    return res.statusCode
  },
  'PATCH': async (role, o) => {
    const l = await leadOf(role, o)
    const res = await m.api.patch(`/api/v1/leads/${l.id}`, { version: 1, score: 77 }, as[role])
    expect((await dbRow(l.id))!.score).toBe(res.statusCode === 200 ? 77 : 0)
    return res.statusCode
  },
  'DELETE': async (role, o) => {
    const l = await leadOf(role, o)
    const res = await m.api.del(`/api/v1/leads/${l.id}`, as[role])
    expect((await dbRow(l.id))!.deletedAt === null).toBe(res.statusCode !== 204)
    return res.statusCode
  },
  'DELETE purge': async (role, o) => {
    const l = await leadOf(role, o)
    const res = await m.api.del(`/api/v1/leads/${l.id}?purge=true`, as[role])
    expect(await dbRow(l.id)).toEqual(res.statusCode === 204 ? undefined : expect.objectContaining({ id: l.id, deletedAt: null }))
    return res.statusCode
  },
  'POST restore': async (role, o) => {
    const l = await leadOf(role, o, { deletedAt: new Date() })
    const res = await m.api.post(`/api/v1/leads/${l.id}/restore`, undefined, as[role])
    expect((await dbRow(l.id))!.deletedAt === null).toBe(res.statusCode === 200)
    return res.statusCode
  },
  'POST convert': async (role, o) => {
    const l = await leadOf(role, o)
    const res = await m.api.post(`/api/v1/leads/${l.id}/convert`, {}, as[role])
    const after = (await dbRow(l.id))!
    expect(after.status).toBe(res.statusCode === 200 ? 'converted' : 'new')
    if (res.statusCode !== 200) expect(await m.db.selectFrom('contacts').select('id').where('email', '=', l.email).execute()).toEqual([])
    else expect(json(res).customer.ownerId).toBe(l.ownerId)
    return res.statusCode
  },
  'POST assign': async (role, o) => {
    const l = await leadOf(role, o)
    const to = o === 'own' ? users.teammate : users[role]
    const res = await m.api.post('/api/v1/leads/assign', { ids: [l.id], ownerId: to.id }, as[role])
    expect((await dbRow(l.id))!.ownerId).toBe(res.statusCode === 200 ? to.id : l.ownerId)
    return res.statusCode
  },
}

describeMatrix('/leads', 'lead', MATRIX, probes)

describe('edges', () => {
  const someId = '0190a000-0000-7000-8000-000000000000'
  it.each([
    ['GET', '/api/v1/leads'],
    ['POST', '/api/v1/leads'],
    ['GET', '/api/v1/leads/duplicates?email=a@b.c'],
    ['POST', '/api/v1/leads/assign'],
    ['GET', `/api/v1/leads/${someId}`],
    ['PATCH', `/api/v1/leads/${someId}`],
    ['DELETE', `/api/v1/leads/${someId}`],
    ['POST', `/api/v1/leads/${someId}/restore`],
    ['GET', `/api/v1/leads/${someId}/duplicates`],
    ['POST', `/api/v1/leads/${someId}/convert`],
    ['GET', `/api/v1/leads/${someId}/history`],
    ['GET', '/api/v1/lead-routing'],
    ['PUT', '/api/v1/lead-routing'],
  ] as const)('anonymous %s %s → 401, whatever the body', async (method, url) => {
    const payload = method === 'POST' || method === 'PATCH' || method === 'PUT' ? { nonsense: true } : undefined
    const res = await m.t.app.inject({ method, url, ...(payload ? { payload } : {}) })
    expect(res.statusCode).toBe(401)
  })

  it('marketing may not create leads, even for himself; support may, for himself only', async () => {
    expect((await m.api.post('/api/v1/leads', { name: 'By marketing' }, as.marketing)).statusCode).toBe(403)
    expect((await m.api.post('/api/v1/leads', { name: 'By support' }, as.support)).statusCode).toBe(201)
  })
})
