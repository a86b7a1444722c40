import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertLead, insertUser } from '../../test/factories'
import { http } from '../../test/http'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
})
afterAll(() => t.close())

it('purging what a lead was converted into keeps the lead, without its pointers', async () => {
  const lead = await insertLead(t.db, { name: '钱多多', company: '宁波港通物流', email: 'qian@gangtong.cn' })
  const converted = json(await api.post(`/api/v1/leads/${lead.id}/convert`, { createOpportunity: true }, admin))
  expect((await api.del(`/api/v1/contacts/${converted.contact.id}?purge=true`, admin)).statusCode).toBe(204)
  expect((await api.del(`/api/v1/customers/${converted.customer.id}?purge=true`, admin)).statusCode).toBe(204)
  const row = await t.db.selectFrom('leads').selectAll().where('id', '=', lead.id).executeTakeFirstOrThrow()
  expect(row).toMatchObject({ status: 'converted', convertedCustomerId: null, convertedContactId: null, convertedOpportunityId: null })
  expect((await api.get(`/api/v1/leads/${lead.id}`, admin)).statusCode).toBe(200)
})
