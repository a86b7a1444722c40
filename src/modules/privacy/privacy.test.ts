import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'
import { mentions, seedMarketingAndImports, seedThroughApi, unzip, type Person } from './privacy.fixtures'
import { erasedKeyOf } from '../suppressions/suppressions.repository'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let adminId: string
let sales: AuthHeaders

const nana: Person = { name: '欧阳娜娜', email: 'nana.ouyang@example.cn', phone: '+8613812345678', national: '13812345678' }
const terms = (p: Person) => [p.name, p.email, p.phone, p.national]

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  adminId = (await insertUser(t.db, { role: 'admin' })).id
  admin = await sessionFor(t, adminId)
  sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
})
afterAll(() => t.close())

const download = (url: string, as: AuthHeaders) => t.app.inject({ method: 'GET', url, headers: as })
const REPORTS = ['pipeline', 'revenue', 'tickets', 'csat', 'campaigns', 'customer-growth', 'win-rate']
const totals = async () => Object.fromEntries(await Promise.all(REPORTS.map(async (r) => {
  const res = await api.get(`/api/v1/reports/${r}`, admin)
  expect(res.statusCode, `${r}: ${res.body}`).toBe(200)
  return [r, json(res).totals]
})))

describe('a contact: export, then erase', () => {
  let contactId: string
  let companyId: string
  let seeded: Awaited<ReturnType<typeof seedThroughApi>>

  beforeAll(async () => {
    companyId = (await insertCustomer(t.db, { name: '上海明辉科技有限公司', ownerId: adminId })).id
    const contact = json(await api.post('/api/v1/contacts', { customerId: companyId, name: nana.name, email: nana.email, phone: nana.phone, title: '采购经理' }, admin))
    contactId = contact.id
    await api.patch(`/api/v1/contacts/${contactId}`, { version: contact.version, title: '采购总监' }, admin)
    seeded = await seedThroughApi(t, admin, nana, { customerId: companyId, contactId })
    await seedMarketingAndImports(t.db, nana, { kind: 'contact', id: contactId }, adminId)
  })

  it('is refused to anyone but an admin, and a company customer is no person', async () => {
    expectProblem(await download(`/api/v1/privacy/contact/${contactId}/export`, sales), 403)
    expectProblem(await api.post(`/api/v1/privacy/contact/${contactId}/erase`, { version: 1, confirm: nana.name }, sales), 403)
    expectProblem(await download(`/api/v1/privacy/customer/${companyId}/export`, admin), 409)
    expectProblem(await download(`/api/v1/privacy/lead/${contactId}/export`, admin), 404)
  })

  it('exports every record about the person as JSON and CSV in one ZIP, and audits the request', async () => {
    const res = await download(`/api/v1/privacy/contact/${contactId}/export`, admin)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toBe('application/zip')
    expect(res.headers['content-disposition']).toMatch(/kith-personal-data-contact-/)
    const files = await unzip(res.rawPayload)
    const manifest = JSON.parse(files['manifest.json']!)
    const expected = {
      customers: 0, contacts: 1, leads: 0, activities: 2, tickets: 1, ticket_comments: 1, opportunities: 1, opportunity_lines: 1,
      quotes: 1, quote_lines: 1, quote_sends: 1, orders: 1, order_lines: 1, campaign_recipients: 1, mailing_list_memberships: 1,
      suppressions: 1, import_rows: 2,
    }
    expect(manifest.rows).toMatchObject(expected)
    expect(manifest.rows.ticket_events).toBeGreaterThanOrEqual(2)
    // contact create + update, 2 activities, ticket create/update/comment, deal, quote create/update, order, suppression
    expect(manifest.rows.audit_log).toBeGreaterThanOrEqual(11)
    for (const [file, n] of Object.entries(manifest.rows as Record<string, number>)) {
      expect(JSON.parse(files[`${file}.json`]!), file).toHaveLength(n)
      const lines = files[`${file}.csv`]!.replace(/^\uFEFF/, '').trim().split('\r\n')
      expect(lines.length - 1, file).toBeGreaterThanOrEqual(n) // multi-line cells may add lines, never drop rows
    }
    const contact = JSON.parse(files['contacts.json']!)[0]
    expect(contact).toMatchObject({ id: contactId, name: nana.name, email: nana.email, phone: nana.phone })
    expect(contact.search_text).toBeUndefined()
    expect(files['contacts.csv']).toContain(nana.name)
    expect(JSON.parse(files['campaign_recipients.json']!)[0]).toMatchObject({ email: nana.email, open_count: 2 })
    expect(JSON.parse(files['campaign_recipients.json']!)[0].token).toBeUndefined()
    const audit = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'privacy_export').where('entityId', '=', contactId).execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actorId: adminId, entity: 'contact' })
  })

  it('erases the person everywhere in one transaction, keeps the totals, and audits without the values', async () => {
    const before = await totals()
    expect(await mentions(t.db, terms(nana))).not.toEqual([])
    const current = json(await api.get(`/api/v1/contacts/${contactId}`, admin))
    const url = `/api/v1/privacy/contact/${contactId}/erase`
    expectProblem(await api.post(url, { version: current.version, confirm: '欧阳' }, admin), 400, ['confirm'])
    const stale = expectProblem(await api.post(url, { version: current.version - 1, confirm: nana.name }, admin), 409)
    expect(stale.current).toMatchObject({ version: current.version })
    expect(await mentions(t.db, [nana.email])).not.toEqual([]) // the refusals changed nothing

    const res = await api.post(url, { version: current.version, confirm: ` ${nana.name} ` }, admin)
    expect(res.statusCode, res.body).toBe(200)
    const erasure = json(res)
    expect(erasure).toMatchObject({ kind: 'contact', id: contactId, suppressedHashes: 1 })
    expect(erasure.rows).toMatchObject({ contacts: 1, activities: 2, tickets: 1, ticket_comments: 1, campaign_recipients: 1, mailing_list_members: 1, suppressions: 1, import_rows: 2, import_uploads: 1 })

    expect(await mentions(t.db, terms(nana))).toEqual([])
    expect(await totals()).toEqual(before)
    expect(json(await api.get(`/api/v1/opportunities/${seeded.dealId}`, admin))).toMatchObject({ amount: '8800.00', name: '[erased] 年度合同' })
    expect(json(await api.get(`/api/v1/contacts/${contactId}`, admin))).toMatchObject({ name: '[erased]', email: null, phone: null, version: current.version + 1 })

    const rows = await t.db.selectFrom('auditLog').selectAll().where('action', 'in', ['privacy_erase', 'redact']).orderBy('at').execute()
    expect(rows.map((r) => r.action).sort()).toEqual(['privacy_erase', 'redact'])
    const redact = rows.find((r) => r.action === 'redact')!
    expect((redact.changes as { rows: string[] }).rows.length).toBeGreaterThanOrEqual(11)
    // The address lives on only as its hash, so campaigns still skip it.
    const kept = await t.db.selectFrom('suppressions').selectAll().where('email', '=', erasedKeyOf(nana.email)).executeTakeFirst()
    expect(kept).toMatchObject({ reason: 'erased' })
  })
})
