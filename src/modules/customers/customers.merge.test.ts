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

const merge = (targetId: string, sourceId: string, as = admin) => api.post(`/api/v1/customers/${targetId}/merge`, { sourceId }, as)
const customerRow = (id: string) => t.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const contactsOf = (customerId: string) =>
  t.db.selectFrom('contacts').select(['id', 'isPrimary']).where('customerId', '=', customerId).orderBy('name').execute()

describe('merging customers', () => {
  it('moves the contacts, fills blank fields, unites tags and deletes the source pointing at the target', async () => {
    const target = await insertCustomer(t.db, { name: '上海明辉', email: null, phone: '+8613812345678', industry: null, tags: ['vip', 'east'] })
    const source = await insertCustomer(t.db, { name: '明辉科技 (dup)', email: 'info@minghui.cn', phone: '+8613900000000', industry: '制造业', tags: ['east', 'expo-2026'] })
    await t.db.updateTable('customers').set({ address: JSON.stringify({ city: '上海', street: '南京西路 1 号' }) }).where('id', '=', source.id).execute()
    const p1 = await insertContact(t.db, source.id, { name: 'A' })
    const p2 = await insertContact(t.db, source.id, { name: 'B' })

    const res = await merge(target.id, source.id)
    expect(res.statusCode).toBe(200)
    expect(json(res)).toMatchObject({
      id: target.id,
      name: '上海明辉',
      email: 'info@minghui.cn', // blank: filled
      phone: '+8613812345678', // set: kept
      industry: '制造业',
      address: { city: '上海', street: '南京西路 1 号' },
      tags: ['vip', 'east', 'expo-2026'],
      version: 2,
      deletedAt: null,
    })
    expect((await contactsOf(target.id)).map((c) => c.id)).toEqual([p1.id, p2.id])
    expect(await contactsOf(source.id)).toEqual([])
    expect(ids(await api.get(`/api/v1/contacts?customerId=${target.id}`, admin))).toEqual([p1.id, p2.id])

    const gone = await customerRow(source.id)
    expect(gone.mergedInto).toBe(target.id)
    expect(gone.deletedAt).toBeInstanceOf(Date)
    expectProblem(await api.get(`/api/v1/customers/${source.id}`, admin), 404)
    // A merged duplicate is not offered among the restorable deleted customers.
    expect(ids(await api.get('/api/v1/customers?deleted=true&limit=200', admin))).not.toContain(source.id)
  })

  it('writes one merge audit row on each side, naming the other and what moved', async () => {
    const target = await insertCustomer(t.db, { name: 'Target', tags: ['a'] })
    const source = await insertCustomer(t.db, { name: 'Source', email: 's@example.com', tags: ['b'] })
    await insertContact(t.db, source.id)
    const before = await t.db.selectFrom('auditLog').select('id').execute()
    expect((await merge(target.id, source.id)).statusCode).toBe(200)
    const rows = await t.db.selectFrom('auditLog').selectAll().where('id', 'not in', before.map((r) => r.id)).orderBy('entityId').execute()
    expect(rows).toHaveLength(2)
    const onTarget = rows.find((r) => r.entityId === target.id)!
    const onSource = rows.find((r) => r.entityId === source.id)!
    expect(onTarget).toMatchObject({ action: 'merge', entity: 'customer' })
    expect(onTarget.changes).toEqual({
      mergedFrom: { id: source.id, name: 'Source' },
      moved: { activities: 0, contacts: 1, opportunities: 0, orders: 0, quotes: 0, tickets: 0 },
      fields: { email: { before: null, after: 's@example.com' }, tags: { before: ['a'], after: ['a', 'b'] } },
    })
    expect(onSource).toMatchObject({ action: 'merge', entity: 'customer', changes: { mergedInto: { id: target.id, name: 'Target' }, moved: { contacts: 1 } } })
    expect(onTarget.requestId).toBe(onSource.requestId)
    const history = json(await api.get(`/api/v1/customers/${target.id}/history`, admin))
    expect(history.items.map((i: { action: string }) => i.action)).toEqual(['merge'])
  })

  it('the target keeps its own primary contact; the source’s primary arrives as a plain contact', async () => {
    const target = await insertCustomer(t.db)
    const source = await insertCustomer(t.db)
    const keep = await insertContact(t.db, target.id, { name: 'Keep', isPrimary: true })
    const incoming = await insertContact(t.db, source.id, { name: 'Incoming', isPrimary: true })
    expect((await merge(target.id, source.id)).statusCode).toBe(200)
    expect(await contactsOf(target.id)).toEqual([
      { id: incoming.id, isPrimary: false },
      { id: keep.id, isPrimary: true },
    ])
  })

  it('a target without a primary contact takes over the source’s', async () => {
    const target = await insertCustomer(t.db)
    const source = await insertCustomer(t.db)
    const incoming = await insertContact(t.db, source.id, { isPrimary: true })
    expect((await merge(target.id, source.id)).statusCode).toBe(200)
    expect(await contactsOf(target.id)).toEqual([{ id: incoming.id, isPrimary: true }])
  })

  it('refuses to merge a customer into itself (400 on sourceId), and changes nothing', async () => {
    const c = await insertCustomer(t.db)
    expectProblem(await merge(c.id, c.id), 400, ['sourceId'])
    expect(await customerRow(c.id)).toMatchObject({ version: 1, deletedAt: null, mergedInto: null })
  })

  it('a source or target the caller cannot see, that is deleted or does not exist is a 404, and nothing moves', async () => {
    const teamA = await insertTeam(t.db)
    const teamB = await insertTeam(t.db)
    const sales = await insertUser(t.db, { role: 'sales', teamId: teamA.id })
    const outsider = await insertUser(t.db, { role: 'sales', teamId: teamB.id })
    const asSales = await sessionFor(t, sales.id)
    const mine = await insertCustomer(t.db, { ownerId: sales.id, teamId: teamA.id })
    const theirs = await insertCustomer(t.db, { ownerId: outsider.id, teamId: teamB.id, email: 'theirs@example.com' })
    const theirContact = await insertContact(t.db, theirs.id)
    const deleted = await insertCustomer(t.db, { ownerId: sales.id, teamId: teamA.id, deletedAt: new Date() })

    expectProblem(await merge(mine.id, theirs.id, asSales), 404)
    expectProblem(await merge(theirs.id, mine.id, asSales), 404)
    expectProblem(await merge(mine.id, deleted.id, asSales), 404)
    expectProblem(await merge(mine.id, '0190a000-0000-7000-8000-000000000000', asSales), 404)
    expectProblem(await merge('0190a000-0000-7000-8000-000000000000', mine.id, asSales), 404)

    expect(await customerRow(mine.id)).toMatchObject({ version: 1, email: null, deletedAt: null })
    expect(await customerRow(theirs.id)).toMatchObject({ version: 1, deletedAt: null, mergedInto: null })
    expect((await contactsOf(theirs.id)).map((c) => c.id)).toEqual([theirContact.id])
  })

  it('refuses a bad body: missing or malformed sourceId, unknown fields', async () => {
    const c = await insertCustomer(t.db)
    expectProblem(await api.post(`/api/v1/customers/${c.id}/merge`, {}, admin), 400, ['sourceId'])
    expectProblem(await api.post(`/api/v1/customers/${c.id}/merge`, { sourceId: 'abc' }, admin), 400, ['sourceId'])
    expectProblem(await api.post(`/api/v1/customers/${c.id}/merge`, { sourceId: c.id, keep: 'both' }, admin), 400, ['keep'])
  })

  it('takes each field from the side the user chose, side by side, and audits what changed', async () => {
    const rep = await insertUser(t.db, { role: 'sales', name: 'Owner of source' })
    const target = await insertCustomer(t.db, { name: 'Acme Ltd', email: 'old@acme.example', phone: '+8613812345678', industry: 'Retail', status: 'prospect' })
    const source = await insertCustomer(t.db, { name: 'ACME Limited', email: 'sales@acme.example', phone: null, industry: 'Manufacturing', status: 'active', ownerId: rep.id })
    await t.db.updateTable('customers').set({ address: JSON.stringify({ city: '苏州市' }) }).where('id', '=', source.id).execute()

    const res = await api.post(`/api/v1/customers/${target.id}/merge`, {
      sourceId: source.id,
      version: 1,
      sourceVersion: 1,
      fields: { name: 'source', email: 'source', phone: 'source', industry: 'target', status: 'source', address: 'source', ownerId: 'source' },
    }, admin)
    expect(res.statusCode).toBe(200)
    expect(json(res)).toMatchObject({
      name: 'ACME Limited',
      email: 'sales@acme.example',
      phone: null, // chosen: the source's blank wins over the target's number
      industry: 'Retail',
      status: 'active',
      address: { city: '苏州市' },
      ownerId: rep.id,
      ownerName: 'Owner of source',
      version: 2,
    })
    const audit = await t.db.selectFrom('auditLog').select('changes').where('entityId', '=', target.id).where('action', '=', 'merge').executeTakeFirstOrThrow()
    expect((audit.changes as { fields: Record<string, unknown> }).fields).toMatchObject({
      name: { before: 'Acme Ltd', after: 'ACME Limited' },
      phone: { before: '+8613812345678', after: null },
      ownerId: { before: null, after: rep.id },
    })
  })

  it('a side changed since the choices were made is a 409 with the current record, and nothing moves', async () => {
    const target = await insertCustomer(t.db, { name: 'Stale T' })
    const source = await insertCustomer(t.db, { name: 'Stale S' })
    await insertContact(t.db, source.id)
    const r1 = await api.post(`/api/v1/customers/${target.id}/merge`, { sourceId: source.id, version: 2, fields: { name: 'source' } }, admin)
    expectProblem(r1, 409)
    expect(json(r1).current).toMatchObject({ id: target.id, version: 1 })
    const r2 = await api.post(`/api/v1/customers/${target.id}/merge`, { sourceId: source.id, version: 1, sourceVersion: 5 }, admin)
    expectProblem(r2, 409)
    expect(json(r2).current).toMatchObject({ id: source.id })
    expect(await customerRow(target.id)).toMatchObject({ name: 'Stale T', version: 1 })
    expect(await customerRow(source.id)).toMatchObject({ deletedAt: null, mergedInto: null })
    expect(await contactsOf(source.id)).toHaveLength(1)
  })

  it('validates the choices: a side is target or source, and only mergeable fields', async () => {
    const a = await insertCustomer(t.db)
    const b = await insertCustomer(t.db)
    expectProblem(await api.post(`/api/v1/customers/${a.id}/merge`, { sourceId: b.id, fields: { name: 'both' } }, admin), 400, ['fields.name'])
    expectProblem(await api.post(`/api/v1/customers/${a.id}/merge`, { sourceId: b.id, fields: { createdBy: 'source' } }, admin), 400)
    expect(await customerRow(b.id)).toMatchObject({ deletedAt: null })
  })
})
