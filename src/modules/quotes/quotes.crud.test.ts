import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertContact, insertCustomer, insertOpportunity, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'
import { insertOpportunityLines, insertProduct } from './quotes.fixtures'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let adminId: string
let customerId: string
let contactId: string

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  adminId = (await insertUser(t.db, { role: 'admin', name: '管理员' })).id
  admin = await sessionFor(t, adminId)
  customerId = (await insertCustomer(t.db, { name: '上海明辉科技有限公司', ownerId: adminId })).id
  contactId = (await insertContact(t.db, customerId, { name: '王小明', email: 'wang@minghui.cn' })).id
})
afterAll(() => t.close())

const auditOf = (id: string) => t.db.selectFrom('auditLog').selectAll().where('entityId', '=', id).orderBy('at').orderBy('id').execute()

let n = 0
async function dealWithLines() {
  n++
  const erp = await insertProduct(t.db, { sku: `ERP-PRO-${n}`, name: 'ERP 专业版', unitPrice: '12000.00', taxRate: '13' })
  const svc = await insertProduct(t.db, { sku: `SVC-DAY-${n}`, name: '实施服务（人天）', unitPrice: '1500.00', taxRate: '6' })
  const deal = await insertOpportunity(t.db, customerId, { ownerId: adminId, contactId, stage: 'proposal', name: 'ERP 升级' })
  await insertOpportunityLines(t.db, deal.id, [
    { productId: erp.id, description: 'ERP 专业版 授权', quantity: '3', unitPrice: '12000.00', discountPercent: '10' },
    { productId: svc.id, description: '实施服务', quantity: '2.5', unitPrice: '1500.00' },
  ])
  return { deal, erp, svc }
}

describe('generating a quote from a deal', () => {
  it('copies lines, customer, contact and currency; numbers Q-YYYY-NNNN; computes exact totals; audits', async () => {
    const { deal, erp, svc } = await dealWithLines()
    const res = await api.post(`/api/v1/opportunities/${deal.id}/quotes`, {}, admin)
    expect(res.statusCode, res.body).toBe(201)
    const q = json(res)
    expect(res.headers.location).toBe(`/api/v1/quotes/${q.id}`)
    const year = new Date().getUTCFullYear()
    expect(q.number).toMatch(new RegExp(`^Q-${year}-\\d{4}$`))
    expect(q).toMatchObject({
      revision: 1, isLatest: true, status: 'draft', opportunityId: deal.id, customerId, customerName: '上海明辉科技有限公司', contactId, contactName: '王小明',
      currency: 'CNY', language: 'zh-CN', ownerId: adminId, orderId: null, version: 1,
    })
    expect(q.lines).toHaveLength(2)
    expect(q.lines[0]).toMatchObject({ productId: erp.id, sku: erp.sku, description: 'ERP 专业版 授权', quantity: '3', unitPrice: '12000.00', discountPercent: '10', taxRate: '13', amount: '32400.00', taxAmount: '4212.00' })
    expect(q.lines[1]).toMatchObject({ sku: svc.sku, quantity: '2.5', taxRate: '6', amount: '3750.00', taxAmount: '225.00' })
    // gross 36000 + 3750; discount 3600; tax 4212 + 225
    expect(q).toMatchObject({ subtotal: '39750.00', discountTotal: '3600.00', taxTotal: '4437.00', total: '40587.00' })
    const validUntil = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10)
    expect(q.validUntil).toBe(validUntil)
    expect((await auditOf(q.id)).map((a) => a.action)).toEqual(['create'])
    expect(json(await api.get(`/api/v1/quotes/${q.id}`, admin))).toEqual(q)
  })

  it('numbers quotes one after another', async () => {
    const { deal } = await dealWithLines()
    const a = json(await api.post(`/api/v1/opportunities/${deal.id}/quotes`, {}, admin))
    const b = json(await api.post(`/api/v1/opportunities/${deal.id}/quotes`, {}, admin))
    expect(Number(b.number.slice(-4))).toBe(Number(a.number.slice(-4)) + 1)
  })

  it('refuses a lost deal (409), an unknown deal (404) and bad input (400)', async () => {
    const lost = await insertOpportunity(t.db, customerId, { ownerId: adminId, stage: 'lost', lostReason: 'price' })
    expectProblem(await api.post(`/api/v1/opportunities/${lost.id}/quotes`, {}, admin), 409)
    expectProblem(await api.post(`/api/v1/opportunities/0193b9a0-0000-7000-8000-00000000ffff/quotes`, {}, admin), 404)
    const { deal } = await dealWithLines()
    expectProblem(await api.post(`/api/v1/opportunities/${deal.id}/quotes`, { validUntil: '2026-02-30', language: 'fr', extra: 1 }, admin), 400, ['validUntil', 'language', 'extra'])
  })

  it('a deal without lines but with an amount becomes one line; English for a non-Chinese customer', async () => {
    const acme = await insertCustomer(t.db, { name: 'Acme Corp', ownerId: adminId })
    const deal = await insertOpportunity(t.db, acme.id, { ownerId: adminId, amount: '999.99', currency: 'USD', name: 'Widgets' })
    const q = json(await api.post(`/api/v1/opportunities/${deal.id}/quotes`, {}, admin))
    expect(q).toMatchObject({ language: 'en', currency: 'USD', total: '999.99', lines: [{ description: 'Widgets', quantity: '1', unitPrice: '999.99', taxRate: '0' }] })
  })
})

describe('editing and revisions', () => {
  it('edits a draft in place with a version check (stale → 409 with current)', async () => {
    const { deal } = await dealWithLines()
    const q = json(await api.post(`/api/v1/opportunities/${deal.id}/quotes`, {}, admin))
    const res = await api.patch(`/api/v1/quotes/${q.id}`, { version: 1, lines: [{ description: '定制开发', quantity: '1', unitPrice: '0.10', taxRate: '13' }, { description: '定制开发', quantity: '1', unitPrice: '0.20', taxRate: '13' }] }, admin)
    expect(res.statusCode, res.body).toBe(200)
    const edited = json(res)
    expect(edited).toMatchObject({ id: q.id, revision: 1, version: 2, subtotal: '0.30', taxTotal: '0.04', total: '0.34' })
    const stale = expectProblem(await api.patch(`/api/v1/quotes/${q.id}`, { version: 1, notes: 'x' }, admin), 409)
    expect(stale.current).toMatchObject({ id: q.id, version: 2 })
    expectProblem(await api.patch(`/api/v1/quotes/${q.id}`, { version: 2, lines: [{ quantity: '1' }] }, admin), 400, ['lines.0.description', 'lines.0.unitPrice'])
    expectProblem(await api.patch(`/api/v1/quotes/${q.id}`, { version: 2, lines: [{ quantity: '-1', unitPrice: '1.234', discountPercent: '101' }], bogus: true }, admin), 400, ['lines.0.quantity', 'lines.0.unitPrice', 'lines.0.discountPercent', 'bogus'])
  })

  it('editing a sent quote makes revision 2 with the same number and keeps revision 1 readable', async () => {
    const { deal, erp, svc } = await dealWithLines()
    const q = json(await api.post(`/api/v1/opportunities/${deal.id}/quotes`, {}, admin))
    await t.db.updateTable('quotes').set({ status: 'sent', sentAt: new Date() }).where('id', '=', q.id).execute()
    const res = await api.patch(`/api/v1/quotes/${q.id}`, { version: 1, notes: '价格含运费' }, admin)
    expect(res.statusCode, res.body).toBe(200)
    const rev2 = json(res)
    expect(rev2.id).not.toBe(q.id)
    expect(rev2).toMatchObject({ number: q.number, revision: 2, isLatest: true, status: 'draft', notes: '价格含运费', total: q.total })
    expect(rev2.lines.map((l: { sku: string }) => l.sku)).toEqual([erp.sku, svc.sku])
    const old = json(await api.get(`/api/v1/quotes/${q.id}`, admin))
    expect(old).toMatchObject({ revision: 1, isLatest: false, status: 'sent', notes: null })
    const revisions = json(await api.get(`/api/v1/quotes?number=${q.number}`, admin))
    expect(revisions.items.map((r: { revision: number }) => r.revision)).toEqual([2, 1])
    const latest = json(await api.get(`/api/v1/quotes?opportunityId=${deal.id}`, admin))
    expect(latest.items.filter((r: { number: string }) => r.number === q.number).map((r: { revision: number }) => r.revision)).toEqual([2])
    // The old revision is read-only.
    expectProblem(await api.patch(`/api/v1/quotes/${q.id}`, { version: old.version, notes: 'x' }, admin), 409)
    expectProblem(await api.post(`/api/v1/quotes/${q.id}/accept`, {}, admin), 409)
  })

  it('keeps the snapshot of a product deleted (or changed) after it was quoted', async () => {
    const { deal, erp } = await dealWithLines()
    const q = json(await api.post(`/api/v1/opportunities/${deal.id}/quotes`, {}, admin))
    const p = json(await api.get(`/api/v1/products/${erp.id}`, admin))
    expect((await api.patch(`/api/v1/products/${erp.id}`, { version: p.version, sku: 'RENAMED-1', unitPrice: '99999', taxRate: '9' }, admin)).statusCode).toBe(200)
    expect((await api.del(`/api/v1/products/${erp.id}`, admin)).statusCode).toBe(204)
    const again = json(await api.get(`/api/v1/quotes/${q.id}`, admin))
    expect(again.lines[0]).toMatchObject({ productId: erp.id, sku: erp.sku, unitPrice: '12000.00', taxRate: '13' })
    expect(again.total).toBe(q.total)
    // Editing the quote keeps the deleted product's line as quoted; adding it anew is refused.
    const kept = await api.patch(`/api/v1/quotes/${q.id}`, { version: again.version, lines: again.lines.map((l: Record<string, string>) => ({ productId: l.productId, description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent, taxRate: l.taxRate })) }, admin)
    expect(kept.statusCode, kept.body).toBe(200)
    expect(json(kept).lines[0]).toMatchObject({ sku: erp.sku })
    const plain = await insertOpportunity(t.db, customerId, { ownerId: adminId, amount: '10' })
    const other = json(await api.post(`/api/v1/opportunities/${plain.id}/quotes`, {}, admin))
    expectProblem(await api.patch(`/api/v1/quotes/${other.id}`, { version: 1, lines: [{ productId: erp.id, quantity: '1' }] }, admin), 400, ['lines.0.productId'])
    // Purging the product unlinks the lines; the snapshot stays.
    expect((await api.del(`/api/v1/products/${erp.id}?purge=true`, admin)).statusCode).toBe(204)
    expect(json(await api.get(`/api/v1/quotes/${q.id}`, admin)).lines[0]).toMatchObject({ productId: null, sku: erp.sku, description: 'ERP 专业版 授权' })
  })

  it('fills a new line from the product when only productId and quantity are given', async () => {
    const p = await insertProduct(t.db, { sku: 'KB-01', name: '机械键盘', unitPrice: '399.00', taxRate: '13' })
    const { deal } = await dealWithLines()
    const q = json(await api.post(`/api/v1/opportunities/${deal.id}/quotes`, {}, admin))
    const res = await api.patch(`/api/v1/quotes/${q.id}`, { version: 1, lines: [{ productId: p.id, quantity: '2' }] }, admin)
    expect(json(res).lines).toEqual([expect.objectContaining({ productId: p.id, sku: 'KB-01', description: '机械键盘', unitPrice: '399.00', taxRate: '13', amount: '798.00', taxAmount: '103.74' })])
    expect(json(res).total).toBe('901.74')
    const unknown = { productId: '0193b9a0-0000-7000-8000-00000000dead', quantity: '1' }
    expectProblem(await api.patch(`/api/v1/quotes/${q.id}`, { version: 2, lines: [{ productId: p.id, quantity: '1' }, unknown] }, admin), 400, ['lines.1.productId'])
  })
})

describe('accept, reject, expire', () => {
  it('accepting makes an order with the same lines (SO-YYYY-NNNN) and wins the deal; a second accept is 409', async () => {
    const { deal } = await dealWithLines()
    const q = json(await api.post(`/api/v1/opportunities/${deal.id}/quotes`, {}, admin))
    const res = await api.post(`/api/v1/quotes/${q.id}/accept`, {}, admin)
    expect(res.statusCode, res.body).toBe(201)
    const order = json(res)
    expect(order.number).toMatch(/^SO-\d{4}-\d{4}$/)
    expect(order).toMatchObject({ quoteId: q.id, customerId, status: 'pending', total: q.total, subtotal: q.subtotal, taxTotal: q.taxTotal, currency: 'CNY', shipDate: null })
    expect(order.lines.map((l: { sku: string; amount: string }) => [l.sku, l.amount])).toEqual(q.lines.map((l: { sku: string; amount: string }) => [l.sku, l.amount]))
    expect(json(await api.get(`/api/v1/quotes/${q.id}`, admin))).toMatchObject({ status: 'accepted', orderId: order.id, orderNumber: order.number })
    expect(json(await api.get(`/api/v1/opportunities/${deal.id}`, admin))).toMatchObject({ stage: 'won', probability: 100 })
    expectProblem(await api.post(`/api/v1/quotes/${q.id}/accept`, {}, admin), 409)
    expect(await t.db.selectFrom('orders').select('id').where('quoteId', '=', q.id).execute()).toHaveLength(1)
    expectProblem(await api.post(`/api/v1/quotes/${q.id}/reject`, {}, admin), 409)
    expectProblem(await api.patch(`/api/v1/quotes/${q.id}`, { version: 2, notes: 'x' }, admin), 409)
  })

  it('an expired quote reads as expired, lists under expired, and cannot be accepted', async () => {
    const { deal } = await dealWithLines()
    const q = json(await api.post(`/api/v1/opportunities/${deal.id}/quotes`, {}, admin))
    await t.db.updateTable('quotes').set({ validUntil: '2020-01-31', status: 'sent' }).where('id', '=', q.id).execute()
    expect(json(await api.get(`/api/v1/quotes/${q.id}`, admin)).status).toBe('expired')
    const expired = json(await api.get(`/api/v1/quotes?status=expired&limit=200`, admin)).items.map((i: { id: string }) => i.id)
    expect(expired).toContain(q.id)
    expect(json(await api.get(`/api/v1/quotes?status=sent&limit=200`, admin)).items.map((i: { id: string }) => i.id)).not.toContain(q.id)
    expectProblem(await api.post(`/api/v1/quotes/${q.id}/accept`, {}, admin), 409)
    expect(await t.db.selectFrom('orders').select('id').where('quoteId', '=', q.id).execute()).toHaveLength(0)
    // A new revision with a later date revives it.
    const revRes = await api.patch(`/api/v1/quotes/${q.id}`, { version: 1, validUntil: '2099-12-31' }, admin)
    expect(revRes.statusCode, revRes.body).toBe(200)
    const rev = json(revRes)
    expect(rev).toMatchObject({ revision: 2, status: 'draft' })
    expect((await api.post(`/api/v1/quotes/${rev.id}/accept`, {}, admin)).statusCode).toBe(201)
  })

  it('rejects with a reason; a rejected quote cannot be accepted', async () => {
    const { deal } = await dealWithLines()
    const q = json(await api.post(`/api/v1/opportunities/${deal.id}/quotes`, {}, admin))
    expect(json(await api.post(`/api/v1/quotes/${q.id}/reject`, { reason: '预算不足' }, admin))).toMatchObject({ status: 'rejected', rejectReason: '预算不足' })
    expectProblem(await api.post(`/api/v1/quotes/${q.id}/accept`, {}, admin), 409)
  })
})

describe('orders', () => {
  it('moves pending → confirmed → shipped (ship date defaults to today) → delivered; refuses going back and cancelling a shipped order', async () => {
    const { deal } = await dealWithLines()
    const q = json(await api.post(`/api/v1/opportunities/${deal.id}/quotes`, {}, admin))
    const order = json(await api.post(`/api/v1/quotes/${q.id}/accept`, {}, admin))
    const confirmed = json(await api.patch(`/api/v1/orders/${order.id}`, { version: 1, status: 'confirmed', shipDate: '2026-12-01' }, admin))
    expect(confirmed).toMatchObject({ status: 'confirmed', shipDate: '2026-12-01', version: 2 })
    const shipped = json(await api.patch(`/api/v1/orders/${order.id}`, { version: 2, status: 'shipped' }, admin))
    expect(shipped).toMatchObject({ status: 'shipped', shipDate: '2026-12-01' })
    expectProblem(await api.patch(`/api/v1/orders/${order.id}`, { version: 3, status: 'pending' }, admin), 409)
    expectProblem(await api.patch(`/api/v1/orders/${order.id}`, { version: 3, status: 'cancelled' }, admin), 409)
    expectProblem(await api.patch(`/api/v1/orders/${order.id}`, { version: 2, status: 'delivered' }, admin), 409)
    const delivered = json(await api.patch(`/api/v1/orders/${order.id}`, { version: 3, status: 'delivered' }, admin))
    expect(delivered).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String) })
    expectProblem(await api.patch(`/api/v1/orders/${order.id}`, { version: 4, status: 'bogus', extra: 1 }, admin), 400, ['status', 'extra'])
    expect((await auditOf(order.id)).map((a) => a.action)).toEqual(['create', 'update', 'update', 'update'])
  })

  it('lists a customer’s orders for the customer page', async () => {
    const { deal } = await dealWithLines()
    const q = json(await api.post(`/api/v1/opportunities/${deal.id}/quotes`, {}, admin))
    const order = json(await api.post(`/api/v1/quotes/${q.id}/accept`, {}, admin))
    const other = await insertCustomer(t.db, { ownerId: adminId })
    const list = json(await api.get(`/api/v1/orders?customerId=${customerId}&limit=200`, admin))
    expect(list.items.map((o: { id: string }) => o.id)).toContain(order.id)
    expect(json(await api.get(`/api/v1/orders?customerId=${other.id}`, admin)).items).toEqual([])
    const cancelled = json(await api.patch(`/api/v1/orders/${order.id}`, { version: 1, status: 'cancelled' }, admin))
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) })
    expect(json(await api.get(`/api/v1/orders?customerId=${customerId}&status=cancelled&limit=200`, admin)).items.map((o: { id: string }) => o.id)).toContain(order.id)
  })
})
