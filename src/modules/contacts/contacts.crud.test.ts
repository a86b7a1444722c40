import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertContact, insertCustomer, insertTeam, insertUser } from '../../test/factories'
import { expectProblem, http, ids } from '../../test/http'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
})
afterAll(() => t.close())

const customer = () => insertCustomer(t.db)
const primaries = async (customerId: string) =>
  (await t.db.selectFrom('contacts').select('id').where('customerId', '=', customerId).where('isPrimary', '=', true).where('deletedAt', 'is', null).execute()).map((r) => r.id)

describe('contacts CRUD', () => {
  it('creates with E.164 phone, lower-cased e-mail, Location header, the customer name and an audit row', async () => {
    const c = await insertCustomer(t.db, { name: '北京星河科技' })
    const res = await api.post('/api/v1/contacts', { customerId: c.id, name: ' 王芳 ', title: '采购经理', email: 'Wang.Fang@XingHe.CN', phone: '138 0013 8000' }, admin)
    expect(res.statusCode).toBe(201)
    const p = json(res)
    expect(res.headers.location).toBe(`/api/v1/contacts/${p.id}`)
    expect(p).toMatchObject({ customerId: c.id, customerName: '北京星河科技', name: '王芳', title: '采购经理', email: 'wang.fang@xinghe.cn', phone: '+8613800138000', isPrimary: false, version: 1, deletedAt: null })
    expect(json(await api.get(`/api/v1/contacts/${p.id}`, admin))).toEqual(p)
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entityId', '=', p.id).execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'create', entity: 'contact' })
  })

  it('stores phones in E.164, foreign numbers with their country code, and refuses non-numbers on the phone field', async () => {
    const c = await customer()
    const us = await api.post('/api/v1/contacts', { customerId: c.id, name: 'Jane', phone: '+1 (415) 555-2671' }, admin)
    expect(json(us).phone).toBe('+14155552671')
    const landline = await api.post('/api/v1/contacts', { customerId: c.id, name: 'Li', phone: '010-6552 8888' }, admin)
    expect(json(landline).phone).toBe('+861065528888')
    expectProblem(await api.post('/api/v1/contacts', { customerId: c.id, name: 'Bad', phone: '12345' }, admin), 400, ['phone'])
    const patched = await api.patch(`/api/v1/contacts/${json(us).id}`, { version: 1, phone: 'call me' }, admin)
    expectProblem(patched, 400, ['phone'])
    expect((await t.db.selectFrom('contacts').select('phone').where('id', '=', json(us).id).executeTakeFirst())!.phone).toBe('+14155552671')
    const cleared = await api.patch(`/api/v1/contacts/${json(us).id}`, { version: 1, phone: '' }, admin)
    expect(json(cleared)).toMatchObject({ phone: null, version: 2 })
  })

  it('updates with a version check: a stale version is a 409 carrying the current record', async () => {
    const p = await insertContact(t.db, (await customer()).id, { name: 'Before' })
    const first = await api.patch(`/api/v1/contacts/${p.id}`, { version: 1, name: 'After' }, admin)
    expect(json(first)).toMatchObject({ name: 'After', version: 2 })
    const stale = expectProblem(await api.patch(`/api/v1/contacts/${p.id}`, { version: 1, name: 'Lost update' }, admin), 409)
    expect(stale.current).toMatchObject({ id: p.id, name: 'After', version: 2 })
    expect((await t.db.selectFrom('contacts').select(['name', 'version']).where('id', '=', p.id).executeTakeFirst())).toEqual({ name: 'After', version: 2 })
  })

  it('keeps one primary contact per customer: a new primary clears the old one', async () => {
    const c = await customer()
    const a = json(await api.post('/api/v1/contacts', { customerId: c.id, name: 'A', isPrimary: true }, admin))
    expect(await primaries(c.id)).toEqual([a.id])
    const b = json(await api.post('/api/v1/contacts', { customerId: c.id, name: 'B', isPrimary: true }, admin))
    expect(await primaries(c.id)).toEqual([b.id])
    const other = await insertContact(t.db, c.id, { name: 'C' })
    expect(json(await api.patch(`/api/v1/contacts/${other.id}`, { version: 1, isPrimary: true }, admin)).isPrimary).toBe(true)
    expect(await primaries(c.id)).toEqual([other.id])
    expect(json(await api.get(`/api/v1/contacts/${b.id}`, admin))).toMatchObject({ isPrimary: false, version: 2 })
  })

  it('moves a primary contact to a customer that has one: it arrives as a plain contact, unless asked to be primary', async () => {
    const from = await customer()
    const to = await customer()
    const moving = await insertContact(t.db, from.id, { isPrimary: true })
    const resident = await insertContact(t.db, to.id, { isPrimary: true })
    const moved = await api.patch(`/api/v1/contacts/${moving.id}`, { version: 1, customerId: to.id }, admin)
    expect(moved.statusCode).toBe(200)
    expect(json(moved)).toMatchObject({ customerId: to.id, isPrimary: false })
    expect(await primaries(to.id)).toEqual([resident.id])
    const promoted = await api.patch(`/api/v1/contacts/${moving.id}`, { version: 2, isPrimary: true }, admin)
    expect(json(promoted).isPrimary).toBe(true)
    expect(await primaries(to.id)).toEqual([moving.id])
  })

  it('soft-deletes (a deleted primary stops being primary), lists it among the deleted, restores it', async () => {
    const c = await customer()
    const p = await insertContact(t.db, c.id, { isPrimary: true })
    expect((await api.del(`/api/v1/contacts/${p.id}`, admin)).statusCode).toBe(204)
    expectProblem(await api.get(`/api/v1/contacts/${p.id}`, admin), 404)
    expect(ids(await api.get(`/api/v1/contacts?customerId=${c.id}`, admin))).toEqual([])
    expect(ids(await api.get(`/api/v1/contacts?customerId=${c.id}&deleted=true`, admin))).toEqual([p.id])
    expectProblem(await api.del(`/api/v1/contacts/${p.id}`, admin), 404)
    const restored = await api.post(`/api/v1/contacts/${p.id}/restore`, undefined, admin)
    expect(json(restored)).toMatchObject({ id: p.id, deletedAt: null, isPrimary: false })
    expectProblem(await api.post(`/api/v1/contacts/${p.id}/restore`, undefined, admin), 404)
    expect(ids(await api.get(`/api/v1/contacts?customerId=${c.id}`, admin))).toEqual([p.id])
  })

  it('purges for good (admin)', async () => {
    const p = await insertContact(t.db, (await customer()).id)
    expect((await api.del(`/api/v1/contacts/${p.id}?purge=true`, admin)).statusCode).toBe(204)
    expect(await t.db.selectFrom('contacts').select('id').where('id', '=', p.id).execute()).toEqual([])
    expectProblem(await api.del(`/api/v1/contacts/${p.id}?purge=true`, admin), 404)
  })

  it('filters the list by customerId and searches by name, e-mail and phone digits', async () => {
    const c1 = await customer()
    const c2 = await customer()
    const a = await insertContact(t.db, c1.id, { name: '赵子龙', email: 'zilong@example.com', phone: '+8613912345678' })
    const b = await insertContact(t.db, c2.id, { name: 'Zhao Yun' })
    expect(ids(await api.get(`/api/v1/contacts?customerId=${c1.id}`, admin))).toEqual([a.id])
    expect(ids(await api.get(`/api/v1/contacts?customerId=${c2.id}`, admin))).toEqual([b.id])
    expect(ids(await api.get(`/api/v1/contacts?q=${encodeURIComponent('赵子龙')}`, admin))).toEqual([a.id])
    expect(ids(await api.get(`/api/v1/contacts?q=${encodeURIComponent('赵子')}`, admin))).toEqual([a.id])
    expect(ids(await api.get('/api/v1/contacts?q=zilong@', admin))).toEqual([a.id])
    expect(ids(await api.get('/api/v1/contacts?q=1234567', admin))).toEqual([a.id])
    expectProblem(await api.get('/api/v1/contacts?customerId=nope', admin), 400, ['customerId'])
  })

  it('pages with keyset cursors that survive inserts, by name and by -createdAt', async () => {
    const c = await customer()
    for (const name of ['P1', 'P2', 'P3', 'P4', 'P5']) await insertContact(t.db, c.id, { name })
    const first = json(await api.get(`/api/v1/contacts?customerId=${c.id}&sort=name&limit=2`, admin))
    expect(first.items.map((i: { name: string }) => i.name)).toEqual(['P1', 'P2'])
    await insertContact(t.db, c.id, { name: 'P1a' })
    const second = json(await api.get(`/api/v1/contacts?customerId=${c.id}&sort=name&limit=2&cursor=${first.nextCursor}`, admin))
    expect(second.items.map((i: { name: string }) => i.name)).toEqual(['P3', 'P4'])
    const third = json(await api.get(`/api/v1/contacts?customerId=${c.id}&sort=name&limit=2&cursor=${second.nextCursor}`, admin))
    expect(third).toMatchObject({ items: [expect.objectContaining({ name: 'P5' })], nextCursor: null })

    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = json(
        await api.get(`/api/v1/contacts?customerId=${c.id}&sort=-createdAt&limit=4${cursor ? `&cursor=${cursor}` : ''}`, admin),
      )
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toHaveLength(6)
    expect(new Set(seen).size).toBe(6)
    expectProblem(await api.get(`/api/v1/contacts?customerId=${c.id}&sort=-createdAt&cursor=${first.nextCursor}`, admin), 400, ['cursor'])
  })

  it('hides the contacts of a deleted customer: 404 to read, change, delete or restore them', async () => {
    const c = await customer()
    const p = await insertContact(t.db, c.id)
    const gone = await insertContact(t.db, c.id)
    await t.db.updateTable('contacts').set({ deletedAt: new Date() }).where('id', '=', gone.id).execute()
    expect((await api.del(`/api/v1/customers/${c.id}`, admin)).statusCode).toBe(204)
    expectProblem(await api.get(`/api/v1/contacts/${p.id}`, admin), 404)
    expectProblem(await api.patch(`/api/v1/contacts/${p.id}`, { version: 1, name: 'x' }, admin), 404)
    expectProblem(await api.del(`/api/v1/contacts/${p.id}`, admin), 404)
    expectProblem(await api.post(`/api/v1/contacts/${gone.id}/restore`, undefined, admin), 404)
    expect(ids(await api.get(`/api/v1/contacts?customerId=${c.id}`, admin))).toEqual([])
    expect(ids(await api.get(`/api/v1/contacts?customerId=${c.id}&deleted=true`, admin))).toEqual([])
    expect((await api.post(`/api/v1/customers/${c.id}/restore`, undefined, admin)).statusCode).toBe(200)
    expect(json(await api.get(`/api/v1/contacts/${p.id}`, admin)).id).toBe(p.id)
  })

  it('a customerId that is unknown, deleted or invisible to the caller is a 400 on customerId, and nothing is written', async () => {
    const teamA = await insertTeam(t.db)
    const teamB = await insertTeam(t.db)
    const sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales', teamId: teamA.id })).id)
    const outsider = await insertUser(t.db, { role: 'sales', teamId: teamB.id })
    const invisible = await insertCustomer(t.db, { ownerId: outsider.id, teamId: teamB.id })
    const deleted = await insertCustomer(t.db, { deletedAt: new Date() })
    const before = await t.db.selectFrom('contacts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    for (const [customerId, who] of [[invisible.id, sales], [deleted.id, admin], ['0190a000-0000-7000-8000-000000000000', admin]] as const) {
      const res = await api.post('/api/v1/contacts', { customerId, name: 'Nobody' }, who)
      const body = expectProblem(res, 400, ['customerId'])
      expect(body.errors).toHaveLength(1)
    }
    const after = await t.db.selectFrom('contacts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    expect(after).toEqual(before)
  })

  it('refuses bad input field by field', async () => {
    const res = await api.post('/api/v1/contacts', { customerId: 'x', name: '', email: 'nope', isPrimary: 'yes', extra: 1 }, admin)
    expectProblem(res, 400, ['customerId', 'name', 'email', 'isPrimary', 'extra'])
    expectProblem(await api.patch(`/api/v1/contacts/${(await insertContact(t.db, (await customer()).id)).id}`, { name: 'no version' }, admin), 400, ['version'])
  })
})
