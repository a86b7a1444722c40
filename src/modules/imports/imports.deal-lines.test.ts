import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertTeam, insertUser } from '../../test/factories'
import { importApi } from './imports.test-support'

let t: TestApp
let api: ReturnType<typeof importApi>
let manager: AuthHeaders
let gtx: string
let basic: string
let dollar: string
let acme: string

beforeAll(async () => {
  t = await createTestApp()
  api = importApi(t)
  const teamId = (await insertTeam(t.db)).id
  const managerId = (await insertUser(t.db, { role: 'manager', teamId })).id
  manager = await sessionFor(t, managerId)
  const ctx = { actor: { userId: managerId, role: 'manager' as const, teamId }, requestId: 't' }
  gtx = (await t.services.products.create(ctx, { sku: 'GTX-PRO', name: 'GTX Pro', unitPrice: '1299.00' })).id
  basic = (await t.services.products.create(ctx, { sku: 'BAS-1', name: 'Basic', unitPrice: '99.50' })).id
  dollar = (await t.services.products.create(ctx, { sku: 'US-1', name: 'Import Kit', unitPrice: '10.00', currency: 'USD' })).id
  acme = (await insertCustomer(t.db, { name: 'Acme Lines', ownerId: managerId, teamId })).id
})
afterAll(() => t.close())

const deal = async (name: string) => {
  const row = await t.db.selectFrom('opportunities').select('id').where('name', '=', name).where('deletedAt', 'is', null).executeTakeFirstOrThrow()
  return (await t.app.inject({ method: 'GET', url: `/api/v1/opportunities/${row.id}`, headers: manager })).json()
}
const lineOf = (d: any) => d.lines.map((l: any) => [l.productId, l.description, l.quantity, l.unitPrice, l.discountPercent, l.amount])

describe('a deal file with product columns', () => {
  it('sets each deal’s line (product by SKU or name, spelling variants mapped, price from the catalog) and its amount', async () => {
    const csv = [
      'name,customer,product,quantity,unit price,discount,amount',
      'L-1,Acme Lines,GTX Pro,2,,,1',
      'L-2,Acme Lines,GTXPro,1,1000,10%,',
      'L-3,Acme Lines,GTX Professional,3,,,',
      'L-4,Acme Lines,bas-1,,,,',
      'L-5,Acme Lines,Unknown Widget,1,,,',
      'L-6,Acme Lines,,5,,,',
      'L-7,Acme Lines,US-1,1,,,',
    ].join('\n')
    const a = (await api.analyze(manager, 'opportunities', { name: 'deals.csv', data: Buffer.from(csv) })).json()
    expect(a.proposedMapping).toMatchObject({ product: 'product', quantity: 'quantity', 'unit price': 'unitPrice', discount: 'discountPercent', amount: 'amount' })
    expect(a.fields).toContainEqual({ key: 'product', kind: 'ref', required: false, ref: 'product' })
    const options = { entity: 'opportunities', valueMapping: { product: { 'GTX Professional': 'GTX-PRO' } } }
    const dry = await api.run(manager, a.id, { ...options, dryRun: true })
    expect(dry).toMatchObject({ status: 'dry_run_done', counts: { created: 5, invalid: 2 } })
    expect(dry.rowErrors).toEqual([
      { row: 6, errors: [{ path: 'product', message: expect.stringContaining('"Unknown Widget"') }] },
      { row: 7, errors: [{ path: 'product', message: expect.stringContaining('needs the product') }] },
    ])
    expect(await api.run(manager, a.id, { ...options, skipInvalid: true })).toMatchObject({ status: 'completed', counts: { created: 5, invalid: 2 } })

    const l1 = await deal('L-1')
    expect([l1.amount, l1.currency, lineOf(l1)]).toEqual(['2598.00', 'CNY', [[gtx, 'GTX Pro', '2', '1299.00', '0', '2598.00']]])
    const l2 = await deal('L-2')
    expect([l2.amount, lineOf(l2)]).toEqual(['900.00', [[gtx, 'GTX Pro', '1', '1000.00', '10', '900.00']]])
    expect((await deal('L-3')).amount).toBe('3897.00')
    expect(lineOf(await deal('L-4'))).toEqual([[basic, 'Basic', '1', '99.50', '0', '99.50']])
    const l7 = await deal('L-7')
    expect([l7.amount, l7.currency, lineOf(l7)]).toEqual(['10.00', 'USD', [[dollar, 'Import Kit', '1', '10.00', '0', '10.00']]])
    const audit = await t.db.selectFrom('auditLog').select('changes').where('entityId', '=', l1.id).executeTakeFirstOrThrow()
    expect((audit.changes as any).lines.after).toEqual([{ productId: gtx, description: 'GTX Pro', quantity: '2', unitPrice: '1299.00', discountPercent: '0' }])
  })

  it('a row with an amount and no other line column keeps its amount: one unit at that price', async () => {
    const a = (await api.analyze(manager, 'opportunities', { name: 'v.csv', data: Buffer.from('name,customer,product,close value\nL-9,Acme Lines,GTXPro,1234.56\nL-10,Acme Lines,US-1,0\n') })).json()
    const s = await api.run(manager, a.id, { entity: 'opportunities', mapping: { name: 'name', customer: 'customer', product: 'product', 'close value': 'amount' } })
    expect(s).toMatchObject({ status: 'completed', counts: { created: 2, invalid: 0 } })
    const l9 = await deal('L-9')
    expect([l9.amount, l9.currency, lineOf(l9)]).toEqual(['1234.56', 'CNY', [[gtx, 'GTX Pro', '1', '1234.56', '0', '1234.56']]])
    // The amount is in the deal's currency (the company's), not the product's.
    const l10 = await deal('L-10')
    expect([l10.amount, l10.currency, lineOf(l10)]).toEqual(['0.00', 'CNY', [[dollar, 'Import Kit', '1', '0.00', '0', '0.00']]])
  })

  it('a product priced in another currency than the deal needs a unit price', async () => {
    const a = (await api.analyze(manager, 'opportunities', { name: 'd.csv', data: Buffer.from('name,customer,product,currency\nL-8,Acme Lines,US-1,CNY\n') })).json()
    const s = await api.run(manager, a.id, { entity: 'opportunities', dryRun: true })
    expect(s.rowErrors).toEqual([{ row: 2, errors: [{ path: 'unitPrice', message: expect.stringContaining('priced in USD') }] }])
  })

  it('an upsert keeps an existing deal’s currency: a product priced in another needs a unit price', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/opportunities', headers: manager, payload: { name: 'Yuan Deal', customerId: acme, amount: '80.00' } })).statusCode).toBe(201)
    const csv = 'name,customer,product,unit price\nYuan Deal,Acme Lines,US-1,\n'
    const a = (await api.analyze(manager, 'opportunities', { name: 'y.csv', data: Buffer.from(csv) })).json()
    const s = await api.run(manager, a.id, { entity: 'opportunities', mode: 'upsert', dedupeBy: 'name', skipInvalid: true })
    expect(s).toMatchObject({ counts: { updated: 0, invalid: 1 }, rowErrors: [{ row: 2, errors: [{ path: 'unitPrice', message: expect.stringContaining('deal is in CNY') }] }] })
    const b = (await api.analyze(manager, 'opportunities', { name: 'y.csv', data: Buffer.from(csv.replace('US-1,', 'US-1,70')) })).json()
    expect(await api.run(manager, b.id, { entity: 'opportunities', mode: 'upsert', dedupeBy: 'name' })).toMatchObject({ counts: { updated: 1 } })
    const d = await deal('Yuan Deal')
    expect([d.amount, d.currency, lineOf(d)]).toEqual(['70.00', 'CNY', [[dollar, 'Import Kit', '1', '70.00', '0', '70.00']]])
  })

  it("an upsert prices a row without a currency in the deal's own (a JPY deal in a CNY company gets no cents)", async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/opportunities', headers: manager, payload: { name: 'Yen Deal', customerId: acme, amount: '100', currency: 'JPY' } })).statusCode).toBe(201)
    const a = (await api.analyze(manager, 'opportunities', { name: 'jpy.csv', data: Buffer.from('name,customer,product,quantity,unit price\nYen Deal,Acme Lines,GTX Pro,3,1000.4\n') })).json()
    expect(await api.run(manager, a.id, { entity: 'opportunities', mode: 'upsert', dedupeBy: 'name' })).toMatchObject({ counts: { updated: 1 } })
    const d = await deal('Yen Deal')
    expect([d.amount, d.currency, lineOf(d)[0][5]]).toEqual(['3001', 'JPY', '3001'])
    const row = await t.db.selectFrom('opportunities').select('amount').where('name', '=', 'Yen Deal').executeTakeFirstOrThrow()
    expect(row.amount).toBe('3001.00')
  })

  it('an upsert file with one deal on two product rows says so instead of keeping one line and the other row\'s amount', async () => {
    const csv = 'name,customer,product,quantity\nTwo Lines,Acme Lines,GTX Pro,1\nTwo Lines,Acme Lines,Basic,2\n'
    const a = (await api.analyze(manager, 'opportunities', { name: 'two.csv', data: Buffer.from(csv) })).json()
    const s = await api.run(manager, a.id, { entity: 'opportunities', mode: 'upsert', dedupeBy: 'name', skipInvalid: true })
    expect(s).toMatchObject({ counts: { created: 1, invalid: 1 }, rowErrors: [{ row: 3, errors: [{ path: 'product', message: expect.stringContaining('Row 2 imports this deal already') }] }] })
    const d = await deal('Two Lines')
    expect([d.amount, lineOf(d)]).toEqual(['1299.00', [[gtx, 'GTX Pro', '1', '1299.00', '0', '1299.00']]])
  })

  it('an upsert sets the lines of existing deals (even when only the line changes), and undo gives the old lines back', async () => {
    const create = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/opportunities', headers: manager, payload })
    expect((await create({ name: 'Old Deal', customerId: acme, amount: '50.00' })).statusCode).toBe(201)
    expect((await create({ name: 'Lined Deal', customerId: acme, lines: [{ productId: basic, description: 'Basic', quantity: '2', unitPrice: '99.50' }] })).statusCode).toBe(201)
    const before = await deal('Lined Deal')
    expect(before.amount).toBe('199.00')

    const csv = 'name,customer,product,quantity,unit price\nOld Deal,Acme Lines,GTX Pro,4,\nLined Deal,Acme Lines,BAS-1,1,199\n'
    const up = (await api.analyze(manager, 'opportunities', { name: 'u.csv', data: Buffer.from(csv) })).json()
    expect(await api.run(manager, up.id, { entity: 'opportunities', mode: 'upsert', dedupeBy: 'name' })).toMatchObject({ status: 'completed', counts: { created: 0, updated: 2 } })
    const old = await deal('Old Deal')
    expect([old.amount, lineOf(old)]).toEqual(['5196.00', [[gtx, 'GTX Pro', '4', '1299.00', '0', '5196.00']]])
    const lined = await deal('Lined Deal')
    expect([lined.amount, lineOf(lined)]).toEqual(['199.00', [[basic, 'Basic', '1', '199.00', '0', '199.00']]])

    const again = (await api.analyze(manager, 'opportunities', { name: 'u.csv', data: Buffer.from(csv) })).json()
    expect(await api.run(manager, again.id, { entity: 'opportunities', mode: 'upsert', dedupeBy: 'name' })).toMatchObject({ counts: { updated: 0, unchanged: 2 } })

    expect((await t.app.inject({ method: 'POST', url: `/api/v1/imports/${up.id}/undo`, headers: manager })).json()).toEqual({ removed: 0, restored: 2, notUndone: [] })
    const oldBack = await deal('Old Deal')
    expect([oldBack.amount, oldBack.lines]).toEqual(['50.00', []])
    expect(lineOf(await deal('Lined Deal'))).toEqual(lineOf(before))
  })
})

describe('a deal file in the company’s currency', () => {
  it('prices the line in that currency (JPY: no decimals), not in CNY', async () => {
    const admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/company', headers: admin, payload: { name: 'Yen Co', currency: 'JPY' } })
    expect(put.statusCode, put.body).toBe(200)
    const a = (await api.analyze(manager, 'opportunities', { name: 'j.csv', data: Buffer.from('name,customer,product,quantity,unit price\nL-11,Acme Lines,GTX Pro,3,1000.4\n') })).json()
    expect(await api.run(manager, a.id, { entity: 'opportunities' })).toMatchObject({ status: 'completed', counts: { created: 1 } })
    const d = await deal('L-11')
    expect([d.amount, d.currency, d.lines[0].amount]).toEqual(['3001', 'JPY', '3001'])
    const stored = await t.db.selectFrom('opportunities').select('amount').where('id', '=', d.id).executeTakeFirstOrThrow()
    expect(String(stored.amount)).toBe('3001.00')
  })
})
