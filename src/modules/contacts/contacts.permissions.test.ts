import { describe, expect, it } from 'vitest'
import { json } from '../../test/test-app'
import { insertContact, insertCustomer } from '../../test/factories'
import { ids } from '../../test/http'
import { describeMatrix, N, permissionMatrix, row, Y, type Ownership, type Probe, type Role, type Row } from '../../test/permission-matrix'

/**
 * Contacts follow their customer: whoever may see (change) the customer may see (change) its
 * contacts. Same set-up as the customer matrix: everyone in team A but `outsider` (team B).
 * A customerId the caller cannot see is a 400 on that field (not a 404 of the contact).
 */
const m = permissionMatrix()
const { users, as } = m

// Each triple is [contact of an own customer, of a teammate's customer, of another team's customer];
// for POST and `PATCH move` it is whose customer the customerId names.
const MATRIX = {
  //                        admin            manager          sales            support          marketing
  'GET list':         row([Y, Y, Y],       [Y, Y, N],       [Y, Y, N],       [Y, Y, Y],       [Y, Y, Y]),
  'GET list deleted': row([Y, Y, Y],       [Y, Y, N],       [Y, Y, N],       [Y, N, N],       [N, N, N]),
  'GET':              row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 200, 200], [200, 200, 200]),
  'POST':             row([201, 201, 201], [201, 201, 400], [201, 201, 400], [201, 403, 403], [403, 403, 403]),
  'PATCH':            row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
  'PATCH move':       row([200, 200, 200], [200, 200, 400], [200, 200, 400], [200, 403, 403], [403, 403, 403]),
  'DELETE':           row([204, 204, 204], [204, 204, 404], [204, 204, 404], [204, 403, 403], [403, 403, 403]),
  'DELETE purge':     row([204, 204, 204], [403, 403, 403], [403, 403, 403], [403, 403, 403], [403, 403, 403]),
  'POST restore':     row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
} satisfies Record<string, Row>
type Endpoint = keyof typeof MATRIX

let seq = 0

const customerOf = (role: Role, o: Ownership) => {
  const owner = m.ownerOf(role, o)
  return insertCustomer(m.db, { ownerId: owner.id, teamId: owner.teamId })
}
const contactOf = async (role: Role, o: Ownership, deleted = false) => {
  const customer = await customerOf(role, o)
  const contact = await insertContact(m.db, customer.id, { name: `Contact ${seq++}` })
  if (deleted) await m.db.updateTable('contacts').set({ deletedAt: new Date() }).where('id', '=', contact.id).execute()
  return contact
}
const dbRow = (id: string) => m.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst()

const probes: Record<Endpoint, Probe> = {
  'GET list': async (role, o) => {
    const p = await contactOf(role, o)
    const res = await m.api.get(`/api/v1/contacts?customerId=${p.customerId}`, as[role])
    expect(res.statusCode).toBe(200)
    return ids(res).includes(p.id) ? Y : N
  },
  'GET list deleted': async (role, o) => {
    const p = await contactOf(role, o, true)
    const res = await m.api.get(`/api/v1/contacts?deleted=true&customerId=${p.customerId}`, as[role])
    expect(res.statusCode).toBe(200)
    return ids(res).includes(p.id) ? Y : N
  },
  'GET': async (role, o) => {
    const p = await contactOf(role, o)
    const res = await m.api.get(`/api/v1/contacts/${p.id}`, as[role])
    if (res.statusCode === 200) expect(json(res)).toMatchObject({ id: p.id, customerId: p.customerId })
    return res.statusCode
  },
  'POST': async (role, o) => {
    const customer = await customerOf(role, o)
    const res = await m.api.post('/api/v1/contacts', { customerId: customer.id, name: 'New person' }, as[role])
    if (res.statusCode === 400) expect(json(res).errors).toEqual([expect.objectContaining({ path: 'customerId' })])
    const rows = await m.db.selectFrom('contacts').select('id').where('customerId', '=', customer.id).execute()
    expect(rows).toHaveLength(res.statusCode === 201 ? 1 : 0)
    return res.statusCode
  },
  'PATCH': async (role, o) => {
    const p = await contactOf(role, o)
    const res = await m.api.patch(`/api/v1/contacts/${p.id}`, { version: 1, title: 'CTO' }, as[role])
    expect((await dbRow(p.id))!.title).toBe(res.statusCode === 200 ? 'CTO' : null)
    return res.statusCode
  },
  'PATCH move': async (role, o) => {
    const p = await contactOf(role, 'own')
    const to = await customerOf(role, o)
    const res = await m.api.patch(`/api/v1/contacts/${p.id}`, { version: 1, customerId: to.id }, as[role])
    if (res.statusCode === 400) expect(json(res).errors).toEqual([expect.objectContaining({ path: 'customerId' })])
    expect((await dbRow(p.id))!.customerId).toBe(res.statusCode === 200 ? to.id : p.customerId)
    return res.statusCode
  },
  'DELETE': async (role, o) => {
    const p = await contactOf(role, o)
    const res = await m.api.del(`/api/v1/contacts/${p.id}`, as[role])
    expect((await dbRow(p.id))!.deletedAt === null).toBe(res.statusCode !== 204)
    return res.statusCode
  },
  'DELETE purge': async (role, o) => {
    const p = await contactOf(role, o)
    const res = await m.api.del(`/api/v1/contacts/${p.id}?purge=true`, as[role])
    expect(await dbRow(p.id)).toEqual(res.statusCode === 204 ? undefined : expect.objectContaining({ id: p.id }))
    return res.statusCode
  },
  'POST restore': async (role, o) => {
    const p = await contactOf(role, o, true)
    const res = await m.api.post(`/api/v1/contacts/${p.id}/restore`, undefined, as[role])
    expect((await dbRow(p.id))!.deletedAt === null).toBe(res.statusCode === 200)
    return res.statusCode
  },
}

describeMatrix('/contacts', 'customer', MATRIX, probes)

describe('edges', () => {
  it('the contact list of a role shows exactly the contacts of the customers it may see', async () => {
    const mine = await contactOf('sales', 'own')
    const hidden = await contactOf('sales', "other team's")
    const listed = ids(await m.api.get('/api/v1/contacts?limit=200', as.sales))
    expect(listed).toContain(mine.id)
    expect(listed).not.toContain(hidden.id)
  })

  const someId = '0190a000-0000-7000-8000-000000000000'
  it.each([
    ['GET', '/api/v1/contacts'],
    ['POST', '/api/v1/contacts'],
    ['GET', `/api/v1/contacts/${someId}`],
    ['PATCH', `/api/v1/contacts/${someId}`],
    ['DELETE', `/api/v1/contacts/${someId}`],
    ['POST', `/api/v1/contacts/${someId}/restore`],
  ] as const)('anonymous %s %s → 401', async (method, url) => {
    const payload = method === 'POST' || method === 'PATCH' ? { nonsense: true } : undefined
    expect((await m.t.app.inject({ method, url, ...(payload ? { payload } : {}) })).statusCode).toBe(401)
  })
})
