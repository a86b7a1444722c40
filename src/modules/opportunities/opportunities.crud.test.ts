import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCampaign, insertContact, insertCustomer, insertOpportunity, insertTeam, insertUser } from '../../test/factories'
import { expectProblem, http, ids } from '../../test/http'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let adminId: string
let customerId: string

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  adminId = (await insertUser(t.db, { role: 'admin', name: '管理员' })).id
  admin = await sessionFor(t, adminId)
  customerId = (await insertCustomer(t.db, { name: '上海明辉科技有限公司', ownerId: adminId })).id
})
afterAll(() => t.close())

const create = (body: Record<string, unknown>, as = admin) => api.post('/api/v1/opportunities', { customerId, ...body }, as)
const row = (id: string) => t.db.selectFrom('opportunities').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const auditOf = (id: string) => t.db.selectFrom('auditLog').selectAll().where('entityId', '=', id).orderBy('at').orderBy('id').execute()

describe('opportunities CRUD', () => {
  it('creates with defaults: first open stage, its probability, CNY, caller as owner, Location header, an audit row', async () => {
    const res = await create({ name: '  ERP 升级项目 ', amount: '120000' })
    expect(res.statusCode).toBe(201)
    const o = json(res)
    expect(res.headers.location).toBe(`/api/v1/opportunities/${o.id}`)
    expect(o).toMatchObject({
      name: 'ERP 升级项目', customerId, customerName: '上海明辉科技有限公司', contactId: null, ownerId: adminId, ownerName: '管理员',
      stage: 'qualification', probability: 10, amount: '120000.00', currency: 'CNY', lines: [], lostReason: null, closedAt: null, version: 1, deletedAt: null,
    })
    expect(await auditOf(o.id)).toEqual([expect.objectContaining({ action: 'create', entity: 'opportunity', actorId: adminId })])
    expect((await auditOf(o.id))[0]!.changes).toMatchObject({ stage: { before: null, after: 'qualification' }, amount: { before: null, after: '120000.00' } })
    expect(json(await api.get(`/api/v1/opportunities/${o.id}`, admin))).toEqual(o)
  })

  it('keeps money as exact decimal strings in the database', async () => {
    const o = json(await create({ name: 'Exact', amount: '999999999999999.99', currency: 'usd' }))
    expect(o).toMatchObject({ amount: '999999999999999.99', currency: 'USD' })
    expect(await row(o.id)).toMatchObject({ amount: '999999999999999.99', currency: 'USD' })
  })

  it('refuses bad input field by field, writing nothing', async () => {
    const before = (await t.db.selectFrom('opportunities').select('id').execute()).length
    const res = await create({ name: '', amount: '-1', currency: 'RMB1', probability: 101, expectedCloseDate: '2026-02-30', extra: 1 })
    expectProblem(res, 400, ['name', 'amount', 'currency', 'probability', 'expectedCloseDate', 'extra'])
    expectProblem(await create({ name: 'Year zero', expectedCloseDate: '0000-01-01' }), 400, ['expectedCloseDate'])
    expectProblem(await create({ name: 'Lines', lines: [{ description: 'x', quantity: '-1', unitPrice: '10' }] }), 400, ['lines.0.quantity'])
    expectProblem(await create({ name: 'Lines', lines: [{ description: 'x', quantity: '1', unitPrice: '10', discountPercent: '100.01' }] }), 400, ['lines.0.discountPercent'])
    expectProblem(await create({ name: 'Lines', lines: [{ description: 'x', quantity: '1.00001', unitPrice: '10.001' }] }), 400, ['lines.0.quantity', 'lines.0.unitPrice'])
    expectProblem(await create({ name: 'JPY cents', amount: '100.50', currency: 'JPY' }), 400, ['amount'])
    expectProblem(await create({ name: 'Too big', lines: [{ description: 'x', quantity: '99999999999', unitPrice: '999999999999999' }] }), 400, ['lines'])
    expect((await t.db.selectFrom('opportunities').select('id').execute()).length).toBe(before)
  })

  it('links only a live campaign: an unknown or deleted one is a 400 on campaignId, on create and on update', async () => {
    const live = (await insertCampaign(t.db, { name: '双十一邮件' })).id
    const deleted = (await insertCampaign(t.db, { deletedAt: new Date() })).id
    for (const campaignId of ['0190a000-0000-7000-8000-0000000ca3e1', deleted]) {
      expectProblem(await create({ name: 'No such campaign', campaignId }), 400, ['campaignId'])
    }
    const o = json(await create({ name: '活动带来的商机', campaignId: live }))
    expect(o.campaignId).toBe(live)
    expectProblem(await api.patch(`/api/v1/opportunities/${o.id}`, { version: o.version, campaignId: deleted }, admin), 400, ['campaignId'])
    expect((await row(o.id)).campaignId).toBe(live)
  })

  it('needs a customer the caller can see, and a contact of that customer', async () => {
    const outsider = await insertUser(t.db, { role: 'sales', teamId: (await insertTeam(t.db)).id })
    const asOutsider = await sessionFor(t, outsider.id)
    expectProblem(await create({ name: 'Hidden customer' }, asOutsider), 400, ['customerId'])
    expectProblem(await create({ name: 'No customer', customerId: '0190a000-0000-7000-8000-000000000000' }), 400, ['customerId'])
    const deleted = await insertCustomer(t.db, { deletedAt: new Date() })
    expectProblem(await create({ name: 'Deleted customer', customerId: deleted.id }), 400, ['customerId'])
    const other = await insertCustomer(t.db)
    const foreign = await insertContact(t.db, other.id)
    expectProblem(await create({ name: 'Foreign contact', contactId: foreign.id }), 400, ['contactId'])
    const own = await insertContact(t.db, customerId, { name: '王经理' })
    expect(json(await create({ name: 'With contact', contactId: own.id })).contactId).toBe(own.id)
  })

  it('updates with a version check: 409 carries the current record; nothing changes', async () => {
    const o = json(await create({ name: 'Versioned' }))
    const first = await api.patch(`/api/v1/opportunities/${o.id}`, { version: 1, name: 'Versioned 2', expectedCloseDate: '2026-12-31' }, admin)
    expect(json(first)).toMatchObject({ version: 2, name: 'Versioned 2', expectedCloseDate: '2026-12-31' })
    const stale = expectProblem(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 1, name: 'Stale' }, admin), 409)
    expect(stale.current).toMatchObject({ id: o.id, version: 2, name: 'Versioned 2', lines: [] })
    expect(await row(o.id)).toMatchObject({ name: 'Versioned 2', version: 2 })
    // Nothing to change: no new version, no audit row.
    const same = await api.patch(`/api/v1/opportunities/${o.id}`, { version: 2, name: 'Versioned 2', amount: '0' }, admin)
    expect(json(same).version).toBe(2)
    expect(await auditOf(o.id)).toHaveLength(2)
  })

  it('soft-deletes, lists in recently deleted, restores, and admins purge with the lines', async () => {
    const o = json(await create({ name: 'Trash me', lines: [{ description: 'A', quantity: '1', unitPrice: '5' }] }))
    expect((await api.del(`/api/v1/opportunities/${o.id}`, admin)).statusCode).toBe(204)
    expectProblem(await api.get(`/api/v1/opportunities/${o.id}`, admin), 404)
    expect(ids(await api.get('/api/v1/opportunities?deleted=true&limit=200', admin))).toContain(o.id)
    expect(ids(await api.get('/api/v1/opportunities?limit=200', admin))).not.toContain(o.id)
    const restored = await api.post(`/api/v1/opportunities/${o.id}/restore`, undefined, admin)
    expect(json(restored)).toMatchObject({ id: o.id, deletedAt: null, version: 3 })
    expectProblem(await api.post(`/api/v1/opportunities/${o.id}/restore`, undefined, admin), 409)
    expect((await api.del(`/api/v1/opportunities/${o.id}?purge=true`, admin)).statusCode).toBe(204)
    expect(await t.db.selectFrom('opportunities').select('id').where('id', '=', o.id).execute()).toEqual([])
    expect(await t.db.selectFrom('opportunityLines').select('id').where('opportunityId', '=', o.id).execute()).toEqual([])
    expect((await auditOf(o.id)).map((a) => a.action)).toEqual(['create', 'delete', 'restore', 'purge'])
    expectProblem(await api.del(`/api/v1/opportunities/${o.id}?purge=true`, admin), 404)
  })
})

describe('stages of a deal', () => {
  it('an unknown stage is a 400 on stage, on create and on update', async () => {
    expectProblem(await create({ name: 'Nowhere', stage: 'nirvana' }), 400, ['stage'])
    const o = json(await create({ name: 'Somewhere' }))
    expectProblem(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 1, stage: 'nirvana' }, admin), 400, ['stage'])
    expect(await row(o.id)).toMatchObject({ stage: 'qualification', version: 1 })
  })

  it('probability follows the stage unless given', async () => {
    const o = json(await create({ name: 'Probable', stage: 'proposal' }))
    expect(o.probability).toBe(60)
    const moved = json(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 1, stage: 'negotiation' }, admin))
    expect(moved.probability).toBe(80)
    const own = json(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 2, stage: 'proposal', probability: 45 }, admin))
    expect(own.probability).toBe(45)
    const kept = json(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 3, name: 'Probable!' }, admin))
    expect(kept.probability).toBe(45)
    expect(json(await create({ name: 'Explicit', stage: 'proposal', probability: 5 })).probability).toBe(5)
  })

  it('moving to a lost stage needs a reason; won and lost set closedAt, leaving clears it and the reason', async () => {
    const o = json(await create({ name: 'Journey', stage: 'negotiation' }))
    expectProblem(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 1, stage: 'lost' }, admin), 400, ['lostReason'])
    expectProblem(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 1, stage: 'lost', lostReason: '   ' }, admin), 400, ['lostReason'])
    expectProblem(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 1, lostReason: 'not lost yet' }, admin), 400, ['lostReason'])
    expect(await row(o.id)).toMatchObject({ stage: 'negotiation', version: 1, closedAt: null })

    const lost = json(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 1, stage: 'lost', lostReason: '价格太高' }, admin))
    expect(lost).toMatchObject({ stage: 'lost', probability: 0, lostReason: '价格太高', closedAt: expect.any(String) })
    expectProblem(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 2, lostReason: null }, admin), 400, ['lostReason'])
    const renamed = json(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 2, name: 'Journey (lost)' }, admin))
    expect(renamed).toMatchObject({ lostReason: '价格太高', closedAt: lost.closedAt })

    const reopened = json(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 3, stage: 'proposal' }, admin))
    expect(reopened).toMatchObject({ stage: 'proposal', probability: 60, lostReason: null, closedAt: null })
    const won = json(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 4, stage: 'won' }, admin))
    expect(won).toMatchObject({ stage: 'won', probability: 100, closedAt: expect.any(String), lostReason: null })
    expect(json(await create({ name: 'Born won', stage: 'won' })).closedAt).toEqual(expect.any(String))
    expectProblem(await create({ name: 'Born lost', stage: 'lost' }), 400, ['lostReason'])
    expect(json(await create({ name: 'Born lost', stage: 'lost', lostReason: '预算取消' }))).toMatchObject({ lostReason: '预算取消', closedAt: expect.any(String) })
  })

  it('a deal whose stage was deleted while it was in the trash comes back in the first open stage', async () => {
    await api.post('/api/v1/pipeline-stages', { key: 'pilot', name: '试用', probability: 50 }, admin)
    const o = json(await create({ name: 'Pilot deal', stage: 'pilot' }))
    expect(o.probability).toBe(50)
    await api.del(`/api/v1/opportunities/${o.id}`, admin)
    expect((await api.del('/api/v1/pipeline-stages/pilot', admin)).statusCode).toBe(204)
    const back = json(await api.post(`/api/v1/opportunities/${o.id}/restore`, undefined, admin))
    expect(back).toMatchObject({ stage: 'qualification', probability: 10, deletedAt: null })
  })
})

describe('lines and amounts', () => {
  const lines = [
    { productId: null, description: '服务器 Server', quantity: '3', unitPrice: '19999.99', discountPercent: '12.5' },
    { description: '实施服务', quantity: '0.3333', unitPrice: '1000.01' },
  ]

  it('with lines the amount is their total, rounded once; each line keeps its own rounded amount', async () => {
    const res = await create({ name: 'With lines', amount: '1', lines })
    const o = json(res)
    // 3 × 19999.99 × 0.875 = 52499.97375 ; 0.3333 × 1000.01 = 333.303333 ; sum 52833.277083 → 52833.28
    expect(o.amount).toBe('52833.28')
    expect(o.lines).toEqual([
      { id: expect.any(String), productId: null, description: '服务器 Server', quantity: '3', unitPrice: '19999.99', discountPercent: '12.5', amount: '52499.97' },
      { id: expect.any(String), productId: null, description: '实施服务', quantity: '0.3333', unitPrice: '1000.01', discountPercent: '0', amount: '333.30' },
    ])
    expect(await t.db.selectFrom('opportunityLines').select(['position', 'quantity', 'amount']).where('opportunityId', '=', o.id).orderBy('position').execute()).toEqual([
      { position: 1, quantity: '3.0000', amount: '52499.97' },
      { position: 2, quantity: '0.3333', amount: '333.30' },
    ])
  })

  it('replaces lines as a set, recomputes on currency change, refuses a typed amount while lines exist', async () => {
    const o = json(await create({ name: 'Set', lines }))
    const replaced = json(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 1, lines: [{ description: 'Only', quantity: '2', unitPrice: '10.50' }] }, admin))
    expect(replaced).toMatchObject({ amount: '21.00', version: 2 })
    expect(replaced.lines).toHaveLength(1)
    expectProblem(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 2, amount: '5' }, admin), 400, ['amount'])
    const yen = json(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 2, currency: 'JPY' }, admin))
    expect(yen).toMatchObject({ currency: 'JPY', amount: '21', lines: [expect.objectContaining({ amount: '21' })] })
    const cleared = json(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 3, lines: [], amount: '700' }, admin))
    expect(cleared).toMatchObject({ lines: [], amount: '700', version: 4 })
    expect(await t.db.selectFrom('opportunityLines').select('id').where('opportunityId', '=', o.id).execute()).toEqual([])
    const typed = json(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 4, amount: '750' }, admin))
    expect(typed.amount).toBe('750')
    expectProblem(await api.patch(`/api/v1/opportunities/${o.id}`, { version: 5, currency: 'CNY', amount: '1.5', lines: [{ description: 'x', quantity: '-2', unitPrice: '1' }] }, admin), 400, ['lines.0.quantity'])
    expect(await row(o.id)).toMatchObject({ amount: '750.00', currency: 'JPY', version: 5 })
  })

  it('records line and amount changes in the audit row', async () => {
    const o = json(await create({ name: 'Audited lines', lines: [{ description: 'A', quantity: '1', unitPrice: '100' }] }))
    await api.patch(`/api/v1/opportunities/${o.id}`, { version: 1, lines: [{ description: 'A', quantity: '2', unitPrice: '100' }] }, admin)
    const last = (await auditOf(o.id)).at(-1)!
    expect(last.changes).toEqual({
      amount: { before: '100.00', after: '200.00' },
      lines: {
        before: [{ productId: null, description: 'A', quantity: '1', unitPrice: '100', discountPercent: '0' }],
        after: [{ productId: null, description: 'A', quantity: '2', unitPrice: '100', discountPercent: '0' }],
      },
    })
  })
})

describe('list filters and paging', () => {
  let owner: { id: string; teamId: string | null }
  let cust: string
  beforeAll(async () => {
    const team = await insertTeam(t.db)
    owner = await insertUser(t.db, { role: 'sales', teamId: team.id })
    cust = (await insertCustomer(t.db, { ownerId: owner.id, teamId: team.id })).id
    const deals: [string, string, string, string | null][] = [
      ['Alpha 云服务', 'qualification', '300.00', '2026-03-15'],
      ['Beta 硬件', 'proposal', '100.00', '2026-03-01'],
      ['Gamma 咨询', 'won', '200.00', '2026-04-10'],
      ['Delta 培训', 'lost', '50.00', null],
      ['Epsilon 维护', 'negotiation', '1000.00', '2026-03-31'],
    ]
    for (const [name, stage, amount, expectedCloseDate] of deals) {
      await insertOpportunity(t.db, cust, { name, stage, amount, expectedCloseDate, lostReason: stage === 'lost' ? 'x' : null })
    }
  })
  const names = async (query: string) =>
    json(await api.get(`/api/v1/opportunities?customerId=${cust}&${query}`, admin)).items.map((i: { name: string }) => i.name)

  it('by stage, status, close month, owner, team and text', async () => {
    expect(await names('stage=proposal')).toEqual(['Beta 硬件'])
    expect((await names('status=open')).sort()).toEqual(['Alpha 云服务', 'Beta 硬件', 'Epsilon 维护'])
    expect(await names('status=won')).toEqual(['Gamma 咨询'])
    expect(await names('status=lost&stage=won')).toEqual([])
    expect(await names('closeMonth=2026-03&sort=expectedCloseDate')).toEqual(['Beta 硬件', 'Alpha 云服务', 'Epsilon 维护'])
    expect((await names(`ownerId=${owner.id}`)).length).toBe(5)
    expect((await names(`teamId=${owner.teamId}`)).length).toBe(5)
    expect(await names('q=咨询')).toEqual(['Gamma 咨询'])
    expect(await names('q=epsilo')).toEqual(['Epsilon 维护'])
    expectProblem(await api.get('/api/v1/opportunities?closeMonth=2026-13', admin), 400, ['closeMonth'])
    expectProblem(await api.get('/api/v1/opportunities?status=maybe', admin), 400, ['status'])
    expectProblem(await api.get('/api/v1/opportunities?sort=probability', admin), 400, ['sort'])
  })

  it.each([
    ['amount', ['Delta 培训', 'Beta 硬件', 'Gamma 咨询', 'Alpha 云服务', 'Epsilon 维护']],
    ['-amount', ['Epsilon 维护', 'Alpha 云服务', 'Gamma 咨询', 'Beta 硬件', 'Delta 培训']],
    ['expectedCloseDate', ['Beta 硬件', 'Alpha 云服务', 'Epsilon 维护', 'Gamma 咨询', 'Delta 培训']],
    ['-expectedCloseDate', ['Delta 培训', 'Gamma 咨询', 'Epsilon 维护', 'Alpha 云服务', 'Beta 硬件']],
    ['name', ['Alpha 云服务', 'Beta 硬件', 'Delta 培训', 'Epsilon 维护', 'Gamma 咨询']],
  ])('sort=%s pages with keyset cursors, every row once', async (sort, expected) => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = json(
        await api.get(`/api/v1/opportunities?customerId=${cust}&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, admin),
      )
      seen.push(...page.items.map((i) => i.name))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(expected)
  })

  it('a forged cursor is a 400, not a 500', async () => {
    const forged = Buffer.from(JSON.stringify({ s: 'expectedCloseDate', v: '0000-01-01', id: '0190a000-0000-7000-8000-000000000000' })).toString('base64url')
    expectProblem(await api.get(`/api/v1/opportunities?sort=expectedCloseDate&cursor=${forged}`, admin), 400, ['cursor'])
    const amount = Buffer.from(JSON.stringify({ s: 'amount', v: '1e5', id: '0190a000-0000-7000-8000-000000000000' })).toString('base64url')
    expectProblem(await api.get(`/api/v1/opportunities?sort=amount&cursor=${amount}`, admin), 400, ['cursor'])
  })
})

describe('customer merge and purge carry the deals', () => {
  it('merge moves the deals (and audits each); purge removes them with their lines', async () => {
    const target = await insertCustomer(t.db, { name: 'Survivor' })
    const source = await insertCustomer(t.db, { name: 'Duplicate' })
    const contact = await insertContact(t.db, source.id)
    const deal = json(await api.post('/api/v1/opportunities', { customerId: source.id, contactId: contact.id, name: 'Moving deal', lines: [{ description: 'x', quantity: '1', unitPrice: '1' }] }, admin))
    expect((await api.post(`/api/v1/customers/${target.id}/merge`, { sourceId: source.id }, admin)).statusCode).toBe(200)
    expect(json(await api.get(`/api/v1/opportunities/${deal.id}`, admin))).toMatchObject({ customerId: target.id, customerName: 'Survivor', contactId: contact.id, version: 2 })
    expect((await auditOf(deal.id)).at(-1)).toMatchObject({ action: 'update', changes: { customerId: { before: source.id, after: target.id } } })

    expect((await api.del(`/api/v1/customers/${target.id}?purge=true`, admin)).statusCode).toBe(204)
    expect(await t.db.selectFrom('opportunities').select('id').where('id', '=', deal.id).execute()).toEqual([])
    expect(await t.db.selectFrom('opportunityLines').select('id').where('opportunityId', '=', deal.id).execute()).toEqual([])
  })
})
