import { CompiledQuery } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertContact, insertCustomer, insertOpportunity, insertTeam, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'
import { testEngine } from '../../test/test-engine'
import { duplicateCandidatesQuery } from './customers.repository'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let sales: AuthHeaders
let salesId: string

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  const team = await insertTeam(t.db)
  const rep = await insertUser(t.db, { role: 'sales', teamId: team.id, name: '王销售' })
  salesId = rep.id
  sales = await sessionFor(t, rep.id)
})
afterAll(() => t.close())

const check = (q: Record<string, string>, as = admin) => api.get(`/api/v1/customers/duplicates?${new URLSearchParams(q)}`, as)

describe('customer duplicate check (before saving a form)', () => {
  it('finds a customer by normalised name, e-mail and phone, says which matched, and leaves the edited one out', async () => {
    const c = await insertCustomer(t.db, { name: '杭州云帆网络科技有限公司', email: 'Info@YunFan.cn', phone: '+8613812345678' })
    await t.db.updateTable('customers').set({ address: JSON.stringify({ city: '杭州市' }) }).where('id', '=', c.id).execute()
    await insertContact(t.db, c.id)
    await insertContact(t.db, c.id)
    await insertOpportunity(t.db, c.id)

    const res = await check({ name: '  杭州云帆网络科技有限公司 ', email: ' info@yunfan.CN', phone: '138 1234 5678' })
    expect(res.statusCode).toBe(200)
    expect(json(res).items).toEqual([
      expect.objectContaining({ id: c.id, name: '杭州云帆网络科技有限公司', city: '杭州市', matchedOn: ['name', 'email', 'phone'], related: { contacts: 2, opportunities: 1 } }),
    ])
    expect(json(await check({ name: 'ACME Ltd' })).items).toEqual([])
    expect(json(await check({ email: 'info@yunfan.cn', excludeId: c.id })).items).toEqual([])
    // A phone still being typed matches nothing and is no error.
    expect(json(await check({ phone: '138' })).items).toEqual([])
  })

  it('matches on the name alone, whatever the case', async () => {
    const a = await insertCustomer(t.db, { name: 'Northwind Traders' })
    const res = json(await check({ name: 'northwind traders' }))
    expect(res.items.map((i: { id: string }) => i.id)).toEqual([a.id])
    expect(res.items[0].matchedOn).toEqual(['name'])
  })

  it('offers only customers the caller may see', async () => {
    const hidden = await insertCustomer(t.db, { name: 'Hidden Dup Co', email: 'hidden@dup.example' })
    const mine = await insertCustomer(t.db, { name: 'Hidden Dup Co', ownerId: salesId })
    expect(json(await check({ name: 'Hidden Dup Co' }, sales)).items.map((i: { id: string }) => i.id)).toEqual([mine.id])
    expect(json(await check({ name: 'Hidden Dup Co' })).items).toHaveLength(2)
    expect(hidden.id).toBeTruthy()
  })

  it('leaves creating a duplicate possible for API clients (201, the contract unchanged)', async () => {
    await insertCustomer(t.db, { name: 'Same Name GmbH', email: 'same@name.example' })
    const res = await api.post('/api/v1/customers', { name: 'Same Name GmbH', email: 'same@name.example' }, admin)
    expect(res.statusCode).toBe(201)
    expect(Object.keys(json(res))).not.toContain('duplicates')
  })

  it('rejects unknown parameters (400)', async () => {
    expectProblem(await check({ nam: 'x' }), 400)
  })
})

describe('merge candidates of a customer', () => {
  it('summarise the record and its duplicates with owner, city, created and related counts', async () => {
    const owner = await insertUser(t.db, { role: 'sales', name: '李娜' })
    const a = await insertCustomer(t.db, { name: '上海明辉贸易', email: 'a@minghui.cn', ownerId: owner.id })
    const b = await insertCustomer(t.db, { name: '上海明辉贸易', phone: '+8613900000001' })
    const c = await insertCustomer(t.db, { name: 'Other', email: 'A@minghui.cn' })
    await insertContact(t.db, b.id)
    const res = json(await api.get(`/api/v1/customers/${a.id}/duplicates`, admin))
    expect(res.record).toMatchObject({ id: a.id, ownerName: '李娜', related: { contacts: 0, opportunities: 0 }, matchedOn: [] })
    expect(res.items.map((i: { id: string; matchedOn: string[] }) => [i.id, i.matchedOn])).toEqual([
      [c.id, ['email']],
      [b.id, ['name']],
    ])
    expect(res.items[1].related).toEqual({ contacts: 1, opportunities: 0 })
    expectProblem(await api.get(`/api/v1/customers/${a.id}/duplicates`, sales), 404)
  })
})

describe.runIf(testEngine === 'postgres')('duplicate look-ups on PostgreSQL', () => {
  it('use the indexes, never a scan of customers', async () => {
    await t.db.executeQuery(CompiledQuery.raw(`INSERT INTO customers (id, name, email, phone, type, status, tags, version, created_at, updated_at)
      SELECT gen_random_uuid(), 'Bulk ' || g, 'bulk' || g || '@example.com', '+86138' || lpad(g::text, 8, '0'), 'company', 'prospect', '{}', 1, now(), now()
      FROM generate_series(1, 20000) g`))
    await t.db.executeQuery(CompiledQuery.raw('ANALYZE customers'))
    const q = duplicateCandidatesQuery(t.db, { scope: null, name: 'bulk 77', email: 'bulk78@example.com', phone: '+8613800000079', limit: 20 }).compile()
    const { rows } = await t.db.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${q.sql}`, [...q.parameters]))
    const nodes: Array<Record<string, unknown>> = []
    const walk = (n: Record<string, unknown>) => {
      nodes.push(n)
      for (const c of (n.Plans as Array<Record<string, unknown>> | undefined) ?? []) walk(c)
    }
    walk((rows[0]!['QUERY PLAN'] as Array<{ Plan: Record<string, unknown> }>)[0]!.Plan)
    const indexes = nodes.map((n) => n['Index Name']).filter(Boolean)
    expect(indexes).toEqual(expect.arrayContaining(['customers_name_lower_idx', 'customers_email_idx', 'customers_phone_idx']))
    expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'customers')).toEqual([])
  })
})
