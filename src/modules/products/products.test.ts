import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertOpportunity, insertUser } from '../../test/factories'
import { expectProblem, http, ids } from '../../test/http'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let manager: AuthHeaders
let sales: AuthHeaders
let adminId: string

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  adminId = (await insertUser(t.db, { role: 'admin' })).id
  admin = await sessionFor(t, adminId)
  manager = await sessionFor(t, (await insertUser(t.db, { role: 'manager' })).id)
  sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
})
afterAll(() => t.close())

const create = (body: Record<string, unknown>, as = admin) => api.post('/api/v1/products', body, as)
const auditOf = (id: string) => t.db.selectFrom('auditLog').selectAll().where('entityId', '=', id).orderBy('at').orderBy('id').execute()

describe('products', () => {
  it('creates with defaults, a Location header and an audit row; money as decimal strings', async () => {
    const res = await create({ sku: ' CRM-STD ', name: ' 客户管理系统 标准版 ', unitPrice: '4999.5', taxRate: 13 })
    expect(res.statusCode, res.body).toBe(201)
    const p = json(res)
    expect(res.headers.location).toBe(`/api/v1/products/${p.id}`)
    expect(p).toMatchObject({ sku: 'CRM-STD', name: '客户管理系统 标准版', unitPrice: '4999.50', currency: 'CNY', taxRate: '13', active: true, description: null, version: 1 })
    expect((await auditOf(p.id)).map((a) => a.action)).toEqual(['create'])
    const row = await t.db.selectFrom('products').select(['unitPrice', 'taxRate']).where('id', '=', p.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ unitPrice: '4999.50', taxRate: '13.00' })
  })

  it('refuses bad input field by field and a duplicate SKU (case-insensitive)', async () => {
    expectProblem(await create({ sku: '', name: '', unitPrice: '-1', currency: 'RMB1', taxRate: '101', active: 'yes', extra: 1 }), 400, ['sku', 'name', 'unitPrice', 'currency', 'taxRate', 'active', 'extra'])
    expectProblem(await create({ sku: 'JP-1', name: 'Yen', unitPrice: '100.5', currency: 'JPY' }), 400, ['unitPrice'])
    expect((await create({ sku: 'DUP-1', name: 'A' })).statusCode).toBe(201)
    const dup = expectProblem(await create({ sku: 'dup-1', name: 'B' }), 409)
    expect(dup.errors?.[0]?.path).toBe('sku')
  })

  it('lets admins and managers keep the catalog; sales read it only', async () => {
    expect((await create({ sku: 'MGR-1', name: 'By manager' }, manager)).statusCode).toBe(201)
    expectProblem(await create({ sku: 'SAL-1', name: 'By sales' }, sales), 403)
    const p = json(await create({ sku: 'READ-1', name: 'Readable' }))
    expect((await api.get(`/api/v1/products/${p.id}`, sales)).statusCode).toBe(200)
    expectProblem(await api.patch(`/api/v1/products/${p.id}`, { version: 1, name: 'x' }, sales), 403)
    expectProblem(await api.del(`/api/v1/products/${p.id}`, sales), 403)
    expectProblem(await api.del(`/api/v1/products/${p.id}?purge=true`, manager), 403)
  })

  it('updates with a version check; an unchanged value is no change', async () => {
    const p = json(await create({ sku: 'UPD-1', name: 'Before', unitPrice: '10', taxRate: '13' }))
    const same = json(await api.patch(`/api/v1/products/${p.id}`, { version: 1, unitPrice: '10.00', taxRate: '13.0' }, admin))
    expect(same.version).toBe(1)
    const upd = json(await api.patch(`/api/v1/products/${p.id}`, { version: 1, name: 'After', active: false }, admin))
    expect(upd).toMatchObject({ name: 'After', active: false, version: 2 })
    const stale = expectProblem(await api.patch(`/api/v1/products/${p.id}`, { version: 1, name: 'Stale' }, admin), 409)
    expect(stale.current).toMatchObject({ name: 'After', version: 2 })
  })

  it('searches SKU and name (Chinese, typo-tolerant), filters active, pages by keyset', async () => {
    const a = json(await create({ sku: 'ROUTER-AX', name: '企业级无线路由器' }))
    const b = json(await create({ sku: 'SWITCH-24', name: 'Managed switch 24 ports', active: false }))
    expect(ids(await api.get('/api/v1/products?q=无线路由', sales))).toEqual([a.id])
    expect(ids(await api.get('/api/v1/products?q=router-ax', sales))).toEqual([a.id])
    expect(ids(await api.get('/api/v1/products?q=managed%20swich', sales))).toContain(b.id)
    expect(ids(await api.get('/api/v1/products?active=false&limit=200', sales))).toContain(b.id)
    expect(ids(await api.get('/api/v1/products?active=true&limit=200', sales))).not.toContain(b.id)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: { sku: string }[]; nextCursor: string | null } = json(await api.get(`/api/v1/products?sort=sku&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, sales))
      seen.push(...page.items.map((p: { sku: string }) => p.sku))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual([...seen].sort())
    expect(new Set(seen).size).toBe(seen.length)
    expectProblem(await api.get('/api/v1/products?sort=bogus', sales), 400, ['sort'])
  })

  it('deletes softly (the SKU becomes free), restores, and purges (admin)', async () => {
    const p = json(await create({ sku: 'DEL-1', name: 'Gone' }))
    expect((await api.del(`/api/v1/products/${p.id}`, admin)).statusCode).toBe(204)
    expectProblem(await api.get(`/api/v1/products/${p.id}`, admin), 404)
    expect(ids(await api.get('/api/v1/products?deleted=true&limit=200', admin))).toContain(p.id)
    const reuse = json(await create({ sku: 'DEL-1', name: 'Again' }))
    expectProblem(await api.post(`/api/v1/products/${p.id}/restore`, {}, admin), 409)
    await api.del(`/api/v1/products/${reuse.id}?purge=true`, admin)
    expect(json(await api.post(`/api/v1/products/${p.id}/restore`, {}, admin))).toMatchObject({ id: p.id, deletedAt: null })
  })

  it('deal lines accept a real productId and refuse an unknown one', async () => {
    const p = json(await create({ sku: 'LINE-1', name: 'Line product', unitPrice: '50' }))
    const customer = await insertCustomer(t.db, { ownerId: adminId })
    const ok = await api.post('/api/v1/opportunities', { name: 'With product', customerId: customer.id, lines: [{ productId: p.id, description: 'x', quantity: '2', unitPrice: '50' }] }, admin)
    expect(ok.statusCode, ok.body).toBe(201)
    expect(json(ok).lines[0].productId).toBe(p.id)
    const bad = await api.post('/api/v1/opportunities', { name: 'Unknown product', customerId: customer.id, lines: [{ productId: '0193b9a0-0000-7000-8000-00000000dead', description: 'x', quantity: '1', unitPrice: '1' }] }, admin)
    expectProblem(bad, 400, ['lines.0.productId'])
    const d = await insertOpportunity(t.db, customer.id, { ownerId: adminId })
    expectProblem(await api.patch(`/api/v1/opportunities/${d.id}`, { version: 1, lines: [{ productId: '0193b9a0-0000-7000-8000-00000000dead', description: 'x', quantity: '1', unitPrice: '1' }] }, admin), 400, ['lines.0.productId'])
  })
})
