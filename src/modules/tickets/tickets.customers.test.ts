import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertContact, insertCustomer, insertUser } from '../../test/factories'
import { http } from '../../test/http'
import { insertTicket } from './tickets.fixtures'

/** Tickets follow a merged customer into the survivor and outlive a purged one. */
let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
})
afterAll(() => t.close())

const ticket = (id: string) => t.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('tickets and the customer lifecycle', () => {
  it('a merge moves the source customer’s tickets to the survivor', async () => {
    const survivor = await insertCustomer(t.db)
    const source = await insertCustomer(t.db)
    const tk = await insertTicket(t.db, { customerId: source.id })
    const res = await api.post(`/api/v1/customers/${survivor.id}/merge`, { sourceId: source.id }, admin)
    expect(res.statusCode, res.body).toBe(200)
    expect((await ticket(tk.id)).customerId).toBe(survivor.id)
  })

  it('a purged customer’s tickets stay, unlinked from it and its contacts', async () => {
    const customer = await insertCustomer(t.db)
    const contact = await insertContact(t.db, customer.id)
    const tk = await insertTicket(t.db, { customerId: customer.id })
    await t.db.updateTable('tickets').set({ contactId: contact.id }).where('id', '=', tk.id).execute()
    const res = await api.del(`/api/v1/customers/${customer.id}?purge=true`, admin)
    expect(res.statusCode, res.body).toBe(204)
    expect(await ticket(tk.id)).toMatchObject({ customerId: null, contactId: null, subject: tk.subject })
  })
})
