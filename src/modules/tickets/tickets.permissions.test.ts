import { expect } from 'vitest'
import { json } from '../../test/test-app'
import { insertCustomer } from '../../test/factories'
import { ids } from '../../test/http'
import { describeMatrix, N, permissionMatrix, row, Y, type Ownership, type Probe, type Role, type Row } from '../../test/permission-matrix'
import { insertTicket } from './tickets.fixtures'

/**
 * The permission matrix of /tickets: every endpoint × every role × whose customer the ticket is
 * about. Admins, managers and support users work every ticket; sales users read the tickets of
 * customers they may see (their own and their team's) and change nothing; marketing sees none.
 * Linking a ticket to a customer needs that customer to be visible to the caller (a manager: his
 * team's). Delete/restore: admin and manager; purge: admin.
 */
const m = permissionMatrix()
const { as } = m

// [own customer's ticket, a teammate's customer's, another team's customer's]
const MATRIX = {
  //                      admin            manager          sales            support          marketing
  'GET list':       row([Y, Y, Y],       [Y, Y, Y],       [Y, Y, N],       [Y, Y, Y],       [N, N, N]),
  'GET':            row([200, 200, 200], [200, 200, 200], [200, 200, 404], [200, 200, 200], [404, 404, 404]),
  'GET comments':   row([200, 200, 200], [200, 200, 200], [200, 200, 404], [200, 200, 200], [404, 404, 404]),
  'GET events':     row([200, 200, 200], [200, 200, 200], [200, 200, 404], [200, 200, 200], [404, 404, 404]),
  'POST':           row([201, 201, 201], [201, 201, 400], [403, 403, 403], [201, 201, 201], [403, 403, 403]),
  'PATCH':          row([200, 200, 200], [200, 200, 200], [403, 403, 404], [200, 200, 200], [404, 404, 404]),
  'POST comment':   row([201, 201, 201], [201, 201, 201], [403, 403, 404], [201, 201, 201], [404, 404, 404]),
  'DELETE':         row([204, 204, 204], [204, 204, 204], [403, 403, 403], [403, 403, 403], [403, 403, 403]),
  'DELETE purge':   row([204, 204, 204], [403, 403, 403], [403, 403, 403], [403, 403, 403], [403, 403, 403]),
  'POST restore':   row([200, 200, 200], [200, 200, 200], [403, 403, 403], [403, 403, 403], [403, 403, 403]),
} satisfies Record<string, Row>
type Endpoint = keyof typeof MATRIX

async function customerOf(role: Role, o: Ownership) {
  const owner = m.ownerOf(role, o)
  return insertCustomer(m.db, { ownerId: owner.id, teamId: owner.teamId })
}
const ticketOf = async (role: Role, o: Ownership, extra: { deletedAt?: Date } = {}) =>
  insertTicket(m.db, { customerId: (await customerOf(role, o)).id, ...extra })
const dbRow = (id: string) => m.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst()
const count = async (table: 'ticketComments' | 'tickets', id: string) =>
  (await m.db.selectFrom(table).select('id').where(table === 'tickets' ? 'customerId' : 'ticketId', '=', id).execute()).length

const probes: Record<Endpoint, Probe> = {
  'GET list': async (role, o) => {
    const tk = await ticketOf(role, o)
    const res = await m.api.get(`/api/v1/tickets?customerId=${tk.customerId}`, as[role])
    expect(res.statusCode).toBe(200)
    return ids(res).includes(tk.id) ? Y : N
  },
  'GET': async (role, o) => (await m.api.get(`/api/v1/tickets/${(await ticketOf(role, o)).id}`, as[role])).statusCode,
  'GET comments': async (role, o) => (await m.api.get(`/api/v1/tickets/${(await ticketOf(role, o)).id}/comments`, as[role])).statusCode,
  'GET events': async (role, o) => (await m.api.get(`/api/v1/tickets/${(await ticketOf(role, o)).id}/events`, as[role])).statusCode,
  'POST': async (role, o) => {
    const c = await customerOf(role, o)
    const res = await m.api.post('/api/v1/tickets', { subject: 'matrix', customerId: c.id, assigneeId: null }, as[role])
    expect(await count('tickets', c.id)).toBe(res.statusCode === 201 ? 1 : 0)
    return res.statusCode
  },
  'PATCH': async (role, o) => {
    const tk = await ticketOf(role, o)
    const res = await m.api.patch(`/api/v1/tickets/${tk.id}`, { priority: 'high', version: 1 }, as[role])
    expect((await dbRow(tk.id))!.priority).toBe(res.statusCode === 200 ? 'high' : 'normal')
    return res.statusCode
  },
  'POST comment': async (role, o) => {
    const tk = await ticketOf(role, o)
    const res = await m.api.post(`/api/v1/tickets/${tk.id}/comments`, { body: '您好' }, as[role])
    expect(await count('ticketComments', tk.id)).toBe(res.statusCode === 201 ? 1 : 0)
    if (res.statusCode === 201) expect(json(res).body).toBe('您好')
    return res.statusCode
  },
  'DELETE': async (role, o) => {
    const tk = await ticketOf(role, o)
    const res = await m.api.del(`/api/v1/tickets/${tk.id}`, as[role])
    expect(!!(await dbRow(tk.id))!.deletedAt).toBe(res.statusCode === 204)
    return res.statusCode
  },
  'DELETE purge': async (role, o) => {
    const tk = await ticketOf(role, o)
    const res = await m.api.del(`/api/v1/tickets/${tk.id}?purge=true`, as[role])
    expect(!!(await dbRow(tk.id))).toBe(res.statusCode !== 204)
    return res.statusCode
  },
  'POST restore': async (role, o) => {
    const tk = await ticketOf(role, o, { deletedAt: new Date() })
    const res = await m.api.post(`/api/v1/tickets/${tk.id}/restore`, {}, as[role])
    expect((await dbRow(tk.id))!.deletedAt === null).toBe(res.statusCode === 200)
    return res.statusCode
  },
}

describeMatrix('/tickets', 'customer’s ticket', MATRIX, probes)
