import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertContact, insertCustomer, insertUser } from '../../test/factories'
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

const check = (q: Record<string, string>, as = admin) => api.get(`/api/v1/contacts/duplicates?${new URLSearchParams(q)}`, as)
const idsAndMatches = (res: { json(): any }) => res.json().items.map((i: { id: string; matchedOn: string[] }) => [i.id, i.matchedOn])

describe('contact duplicate check (before saving a form)', () => {
  it('finds a contact by e-mail or phone at any customer, and by name at the same customer only', async () => {
    const acme = await insertCustomer(t.db, { name: 'Acme' })
    const other = await insertCustomer(t.db, { name: 'Other' })
    const zhang = await insertContact(t.db, acme.id, { name: '张伟', email: 'Zhang.Wei@acme.example', phone: '+8613811112222' })
    const namesake = await insertContact(t.db, other.id, { name: '张伟' })

    expect(idsAndMatches(await check({ name: '张伟', customerId: acme.id }))).toEqual([[zhang.id, ['name']]])
    expect(idsAndMatches(await check({ name: ' 张伟 ', customerId: acme.id, email: 'zhang.wei@ACME.example ', phone: '138-1111-2222' }))).toEqual([
      [zhang.id, ['name', 'email', 'phone']],
    ])
    // The same name at another customer is another person: only the e-mail says it is him (and that customer's 张伟 by name).
    expect(idsAndMatches(await check({ name: '张伟', customerId: other.id, email: 'zhang.wei@acme.example' }))).toEqual([
      [zhang.id, ['email']],
      [namesake.id, ['name']],
    ])
    expect(idsAndMatches(await check({ email: 'zhang.wei@acme.example', excludeId: zhang.id }))).toEqual([])
    expect(json(await check({})).items).toEqual([])
    const item = json(await check({ phone: '13811112222' })).items[0]
    expect(item).toMatchObject({ id: zhang.id, customerId: acme.id, customerName: 'Acme', matchedOn: ['phone'] })
  })

  it('does not offer contacts of customers the caller cannot see', async () => {
    const rep = await insertUser(t.db, { role: 'sales' })
    const hidden = await insertCustomer(t.db)
    await insertContact(t.db, hidden.id, { email: 'secret@hidden.example' })
    expect(json(await check({ email: 'secret@hidden.example' }, await sessionFor(t, rep.id))).items).toEqual([])
  })

  it('rejects a malformed customerId (400)', async () => {
    expectProblem(await check({ customerId: 'nope' }), 400, ['customerId'])
  })
})
