import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertTeam, insertUser } from '../../test/factories'
import { importApi } from './imports.test-support'
import { runImport } from './imports.job'

let t: TestApp
let api: ReturnType<typeof importApi>
let manager: AuthHeaders
let managerId: string
let agentId: string
let teamId: string

beforeAll(async () => {
  t = await createTestApp()
  api = importApi(t)
  teamId = (await insertTeam(t.db)).id
  managerId = (await insertUser(t.db, { role: 'manager', teamId })).id
  agentId = (await insertUser(t.db, { role: 'sales', teamId, name: 'Darcel Schlecht', email: 'darcel@kith.test' })).id
  manager = await sessionFor(t, managerId)
})
afterAll(() => t.close())

describe('deals from another CRM keep their history', () => {
  it('maps stages by synonym, owners by name, customers by name (creating the missing), dates in every form', async () => {
    const known = await insertCustomer(t.db, { name: 'Acme Corporation', ownerId: agentId, teamId })
    const csv = [
      'opportunity_id,sales_agent,account,deal_stage,engage_date,close_date,close_value',
      'D1,Darcel Schlecht,Acme Corporation,Won,2026/1/5,2026年2月10日,"1,054.50"',
      'D2,Darcel Schlecht,Globex 环球,Engaging,46027,,',
      'D3,darcel@kith.test,Acme Corporation,Lost,05/01/2026,06/02/2026,0',
      'D4,Nobody Here,Acme Corporation,Prospecting,2026-01-05,,12',
    ].join('\n')
    const a = (await api.analyze(manager, 'opportunities', { name: 'deals.csv', data: Buffer.from(csv) })).json()
    expect(a.proposedMapping).toMatchObject({ sales_agent: 'owner', account: 'customer', deal_stage: 'stage', engage_date: 'createdAt', close_date: 'expectedCloseDate', close_value: 'amount' })
    expect(a.proposedValueMapping.stage).toEqual({ Won: 'won', Engaging: 'negotiation', Lost: 'lost', Prospecting: 'qualification' })
    const mapping = { ...a.proposedMapping, opportunity_id: 'name' }
    const s = await api.run(manager, a.id, { entity: 'opportunities', mapping, createMissing: true, skipInvalid: true })
    expect(s).toMatchObject({ status: 'completed', counts: { created: 3, invalid: 1 } })
    expect(s.rowErrors).toEqual([{ row: 5, errors: [{ path: 'owner', message: expect.stringContaining('Nobody Here') }] }])
    const deals = await t.db.selectFrom('opportunities').selectAll().where('name', 'in', ['D1', 'D2', 'D3']).orderBy('name').execute()
    const globex = await t.db.selectFrom('customers').selectAll().where('name', '=', 'Globex 环球').executeTakeFirstOrThrow()
    // Date-only cells of timestamp fields are days in the company's zone (by default China's).
    const day = (at: Date) => at.toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })
    expect(deals.map((d) => [d.name, d.customerId, d.ownerId, d.stage, d.amount, d.expectedCloseDate, d.closedAt ? day(d.closedAt) : null, day(d.createdAt)])).toEqual([
      ['D1', known.id, agentId, 'won', '1054.50', '2026-02-10', '2026-02-10', '2026-01-05'],
      ['D2', globex.id, agentId, 'negotiation', '0.00', null, null, '2026-01-05'],
      ['D3', known.id, agentId, 'lost', '0.00', '2026-02-06', '2026-02-06', '2026-01-05'],
    ])
    expect(globex.ownerId).toBe(managerId)
    const history = await t.app.inject({ method: 'GET', url: `/api/v1/opportunities/${deals[0]!.id}/history`, headers: manager })
    expect(history.statusCode).toBe(200)

    // Undo takes back the deals and the customer created for the missing reference.
    const undo = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/undo`, headers: manager })
    expect(undo.json()).toEqual({ removed: 4, restored: 0, notUndone: [] })
    expect(await t.db.selectFrom('opportunities').select('id').where('name', 'in', ['D1', 'D2', 'D3']).where('deletedAt', 'is', null).execute()).toEqual([])
    expect((await t.db.selectFrom('customers').select('deletedAt').where('id', '=', globex.id).executeTakeFirstOrThrow()).deletedAt).not.toBeNull()
    expect((await t.db.selectFrom('customers').select('deletedAt').where('id', '=', known.id).executeTakeFirstOrThrow()).deletedAt).toBeNull()
  })

  it('contacts attach to customers by e-mail or name; only one becomes primary', async () => {
    const c = await insertCustomer(t.db, { name: '联系客户', email: 'hq@lianxi.cn', ownerId: managerId, teamId })
    const csv = '客户,姓名,职位,手机,主要联系人\nhq@lianxi.cn,王一,经理,13800000001,是\n联系客户,王二,,,是\n'
    const a = (await api.analyze(manager, 'contacts', { name: 'c.csv', data: Buffer.from(csv) })).json()
    expect(a.proposedMapping).toEqual({ 客户: 'customer', 姓名: 'name', 职位: 'title', 手机: 'phone', 主要联系人: 'isPrimary' })
    expect(await api.run(manager, a.id, { entity: 'contacts' })).toMatchObject({ status: 'completed', counts: { created: 2 } })
    const contacts = await t.db.selectFrom('contacts').select(['name', 'customerId', 'phone', 'isPrimary']).where('customerId', '=', c.id).orderBy('name').execute()
    expect(contacts).toEqual([
      { name: '王一', customerId: c.id, phone: '+8613800000001', isPrimary: true },
      { name: '王二', customerId: c.id, phone: null, isPrimary: false },
    ])
  })
})

describe('products', () => {
  it('are matched by SKU: create refuses an existing one, upsert updates it; sales may not import the catalog', async () => {
    const prior = await t.services.products.create({ actor: { userId: managerId, role: 'manager', teamId }, requestId: 't' }, { sku: 'KB-01', name: '键盘', unitPrice: '99.00' })
    const csv = '货号,产品名称,单价,税率,在售\nkb-01,机械键盘,"¥1,299.00",13%,是\nMS-02,鼠标,59,13,否\n'
    const a = (await api.analyze(manager, 'products', { name: 'p.csv', data: Buffer.from(csv) })).json()
    expect(a.proposedMapping).toEqual({ 货号: 'sku', 产品名称: 'name', 单价: 'unitPrice', 税率: 'taxRate', 在售: 'active' })
    const dry = await api.run(manager, a.id, { entity: 'products', dryRun: true })
    expect(dry).toMatchObject({ counts: { created: 1, invalid: 1 }, rowErrors: [{ row: 2, errors: [{ path: 'sku', message: expect.stringContaining('exists') }] }] })
    const b = (await api.analyze(manager, 'products', { name: 'p.csv', data: Buffer.from(csv) })).json()
    expect(await api.run(manager, b.id, { entity: 'products', mode: 'upsert', dedupeBy: 'sku' })).toMatchObject({ status: 'completed', counts: { created: 1, updated: 1 } })
    const rows = await t.db.selectFrom('products').select(['id', 'sku', 'name', 'unitPrice', 'taxRate', 'active', 'version']).where('deletedAt', 'is', null).orderBy('sku').execute()
    expect(rows).toEqual([
      { id: prior.id, sku: 'KB-01', name: '机械键盘', unitPrice: '1299.00', taxRate: '13.00', active: true, version: 2 },
      { id: expect.any(String), sku: 'MS-02', name: '鼠标', unitPrice: '59.00', taxRate: '13.00', active: false, version: 1 },
    ])
    const sales = await sessionFor(t, agentId)
    expect((await api.analyze(sales, 'products', { name: 'p.csv', data: Buffer.from(csv) })).statusCode).toBe(403)
  })
})

describe('a crash mid-import', () => {
  it('resumes after the last committed batch: no row twice, none lost', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `Resume ${String(i + 1).padStart(2, '0')},resume${i + 1}@r.cn`)
    const a = (await api.analyze(manager, 'customers', { name: 'resume.csv', data: Buffer.from(['name,email', ...rows].join('\n')) })).json()
    // A real fault: the database refuses row 17 once, as a dying connection or a full disk would.
    await t.database.execSql(`CREATE TABLE crash_once (done boolean);
      CREATE FUNCTION crash_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = 'Resume 17' AND NOT EXISTS (SELECT 1 FROM crash_once) THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER crash_once BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION crash_once();`)
    const start = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/start`, headers: manager, payload: { entity: 'customers' } })
    expect(start.statusCode).toBe(202)
    await expect(runImport({ db: t.db, defaultRegion: 'CN', batchSize: 10 }, a.id)).rejects.toThrow('simulated crash')
    const mid = await api.status(manager, a.id)
    expect(mid).toMatchObject({ status: 'running', phase: 'write', progress: { processed: 10, total: 25 }, counts: { created: 10 } })
    await sql.raw(`INSERT INTO crash_once VALUES (true)`).execute(t.db)
    await runImport({ db: t.db, defaultRegion: 'CN', batchSize: 10 }, a.id)
    await runImport({ db: t.db, defaultRegion: 'CN', batchSize: 10 }, a.id) // a second delivery of the job does nothing
    expect(await api.status(manager, a.id)).toMatchObject({ status: 'completed', progress: { processed: 25, total: 25 }, counts: { created: 25 } })
    const stored = await t.db.selectFrom('customers').select('name').where('name', 'like', 'Resume %').orderBy('name').execute()
    expect(stored.map((r) => r.name)).toEqual(rows.map((r) => r.split(',')[0]))
    await sql.raw(`DROP TRIGGER crash_once ON customers`).execute(t.db)
  })
})
