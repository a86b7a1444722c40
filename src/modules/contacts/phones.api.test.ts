import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
})
afterAll(() => t.close())

/** The API stores phones as the import does: E.164, an extension after ;ext=, and says why a number is refused. */
describe('phones with extensions through the API', () => {
  it.each([
    ['customers', () => ({ name: 'Ext Co' })],
    ['leads', () => ({ name: 'Ext Lead' })],
    ['contacts', async () => ({ name: 'Ext Person', customerId: (await insertCustomer(t.db)).id })],
  ] as const)('%s: create and update keep the extension', async (resource, body) => {
    const created = await api.post(`/api/v1/${resource}`, { ...(await body()), phone: '(010) 6552 9988 转 8012' }, admin)
    expect(created.statusCode, created.body).toBe(201)
    expect(json(created).phone).toBe('+861065529988;ext=8012')
    const patched = await api.patch(`/api/v1/${resource}/${json(created).id}`, { version: 1, phone: '+1 202-555-0123 x4715' }, admin)
    expect(json(patched).phone).toBe('+12025550123;ext=4715')
    // The stored form, sent back as the web form shows it or as stored, is the same number.
    const again = await api.patch(`/api/v1/${resource}/${json(created).id}`, { version: 2, phone: '+12025550123;ext=4715' }, admin)
    expect(json(again)).toMatchObject({ phone: '+12025550123;ext=4715', version: 2 })
    const bad = await api.patch(`/api/v1/${resource}/${json(created).id}`, { version: 2, phone: '+1-202-555' }, admin)
    expectProblem(bad, 400, ['phone'])
    expect(bad.json().errors[0].message).toBe('Not a valid phone number: "+1-202-555" is too short for a phone number in country code +1')
  })
})
