import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertCustomer, insertOpportunity, insertTeam, insertUser } from '../../test/factories'
import { http } from '../../test/http'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { importApi } from '../imports/imports.test-support'
import { insertOpportunityLines } from '../quotes/quotes.fixtures'

/**
 * Every bulk read of customer data that leaves as a file is on record: who, what (export or
 * download), which records, the filters used, the row count where known and the request id; and
 * admins find it in the audit log.
 */
let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let sales: AuthHeaders
let salesId: string
let teamId: string

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  teamId = (await insertTeam(t.db)).id
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  salesId = (await insertUser(t.db, { role: 'sales', teamId })).id
  sales = await sessionFor(t, salesId)
  for (const name of ['导出甲', '导出乙', 'Other']) await insertCustomer(t.db, { name, ownerId: salesId, teamId, status: 'active' })
})
afterAll(() => t.close())

const rowsBy = (action: string, entity: string) =>
  t.db.selectFrom('auditLog').select(['actorId', 'entityId', 'changes', 'requestId']).where('actorId', '=', salesId).where('action', '=', action).where('entity', '=', entity).execute()

describe('downloads leave an audit row', () => {
  it('a list export, with its filters and row count, found by an admin in the audit log', async () => {
    const res = await api.get('/api/v1/customers/export?format=csv&q=导出&status=active', sales)
    expect(res.statusCode).toBe(200)
    const rows = await rowsBy('export', 'customer')
    expect(rows).toEqual([{ actorId: salesId, entityId: null, requestId: expect.any(String), changes: { format: 'csv', filters: expect.objectContaining({ q: '导出', status: 'active' }), columns: null, rows: 2 } }])
    const log = await api.get(`/api/v1/audit-log?actorId=${salesId}&entity=customer`, admin)
    expect(log.json().items).toEqual([expect.objectContaining({ action: 'export', entity: 'customer', changes: expect.objectContaining({ rows: 2 }) })])
  })

  it('an export of every entity', async () => {
    for (const entity of ['contacts', 'leads', 'opportunities'] as const) {
      expect((await api.get(`/api/v1/${entity}/export?format=xlsx`, sales)).statusCode).toBe(200)
    }
    for (const entity of ['contact', 'lead', 'opportunity']) expect(await rowsBy('export', entity)).toHaveLength(1)
  })

  it('a quote PDF download', async () => {
    const customer = await insertCustomer(t.db, { ownerId: salesId, teamId })
    const deal = await insertOpportunity(t.db, customer.id, { ownerId: salesId, teamId, stage: 'proposal' })
    await insertOpportunityLines(t.db, deal.id, [{ description: '服务', quantity: '1', unitPrice: '100' }])
    const quote = (await api.post(`/api/v1/opportunities/${deal.id}/quotes`, {}, sales)).json()
    expect((await api.get(`/api/v1/quotes/${quote.id}/pdf`, sales)).statusCode).toBe(200)
    expect(await rowsBy('download', 'quote')).toEqual([{ actorId: salesId, entityId: quote.id, requestId: expect.any(String), changes: expect.objectContaining({ format: 'pdf', number: quote.number }) }])
  })

  it('a report download (not its JSON view)', async () => {
    expect((await api.get('/api/v1/reports/pipeline', sales)).statusCode).toBe(200)
    expect(await rowsBy('export', 'report')).toEqual([])
    expect((await api.get('/api/v1/reports/pipeline?format=csv', sales)).statusCode).toBe(200)
    expect(await rowsBy('export', 'report')).toEqual([expect.objectContaining({ changes: expect.objectContaining({ report: 'pipeline', format: 'csv', rows: expect.any(Number) }) })])
  })

  it("an import's rejected rows", async () => {
    const imports = importApi(t)
    const analyzed = (await imports.analyze(sales, 'customers', { name: 'c.csv', data: Buffer.from('name,email\n好客户,ok@x.cn\n坏客户,not-an-email\n') })).json()
    await imports.run(sales, analyzed.id, { entity: 'customers', mode: 'create', skipInvalid: true })
    expect((await api.get(`/api/v1/imports/${analyzed.id}/errors.csv`, sales)).statusCode).toBe(200)
    expect(await rowsBy('download', 'import')).toEqual([expect.objectContaining({ entityId: analyzed.id, changes: { file: 'errors.csv', rows: 1 } })])
  })
})
