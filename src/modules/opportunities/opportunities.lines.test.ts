import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'
import { insertProduct } from '../quotes/quotes.fixtures'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let sales: AuthHeaders
let customerId: string

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  const adminId = (await insertUser(t.db, { role: 'admin' })).id
  admin = await sessionFor(t, adminId)
  const salesId = (await insertUser(t.db, { role: 'sales' })).id
  sales = await sessionFor(t, salesId)
  customerId = (await insertCustomer(t.db, { ownerId: salesId })).id
})
afterAll(() => t.close())

const unknown = '0193b9a0-0000-7000-8000-00000000dead'
const create = (lines: unknown[], as = sales) => api.post('/api/v1/opportunities', { customerId, name: 'Migrated deal', lines }, as)

describe('deal lines naming a product', () => {
  it("take the product's name when no description is given, on create and on update", async () => {
    const p = await insertProduct(t.db, { name: '云服务器 年付', unitPrice: '5000.00' })
    const res = await create([{ productId: p.id, quantity: '2', unitPrice: '4800' }, { description: '安装', quantity: '1', unitPrice: '200' }])
    expect(res.statusCode, res.body).toBe(201)
    const o = json(res)
    expect(o.lines).toMatchObject([{ productId: p.id, description: '云服务器 年付', amount: '9600.00' }, { productId: null, description: '安装' }])
    expect(o.amount).toBe('9800.00')

    const q = await insertProduct(t.db, { name: 'Support plan' })
    const updated = await api.patch(`/api/v1/opportunities/${o.id}`, { version: o.version, lines: [{ productId: q.id, quantity: '1', unitPrice: '10' }, { productId: p.id, description: '  Typed text wins ', quantity: '1', unitPrice: '1' }] }, sales)
    expect(updated.statusCode, updated.body).toBe(200)
    expect(json(updated).lines).toMatchObject([{ productId: q.id, description: 'Support plan' }, { productId: p.id, description: 'Typed text wins' }])
  })

  it('refuse a line with neither productId nor description, naming lines.N.description', async () => {
    const body = expectProblem(await create([{ description: 'ok', quantity: '1', unitPrice: '1' }, { quantity: '1', unitPrice: '1' }]), 400, ['lines.1.description'])
    expect(body.errors![0]!.message).toMatch(/productId/)
    expectProblem(await create([{ productId: null, quantity: '1', unitPrice: '1' }]), 400, ['lines.0.description'])
  })

  it('refuse an unknown or deleted product on lines.N.productId, but keep a deleted one already on the deal', async () => {
    expectProblem(await create([{ productId: unknown, quantity: '1', unitPrice: '1' }]), 400, ['lines.0.productId'])
    const gone = await insertProduct(t.db, { name: 'Discontinued', deletedAt: new Date() })
    expectProblem(await create([{ productId: gone.id, description: 'x', quantity: '1', unitPrice: '1' }]), 400, ['lines.0.productId'])

    const live = await insertProduct(t.db, { name: 'Soon discontinued' })
    const o = json(await create([{ productId: live.id, quantity: '1', unitPrice: '1' }]))
    expect((await api.del(`/api/v1/products/${live.id}`, admin)).statusCode).toBe(204)
    const resent = await api.patch(`/api/v1/opportunities/${o.id}`, { version: o.version, lines: [{ productId: live.id, quantity: '3', unitPrice: '1' }] }, sales)
    expect(resent.statusCode, resent.body).toBe(200)
    expect(json(resent).lines).toMatchObject([{ productId: live.id, description: 'Soon discontinued', quantity: '3' }])
  })
})
