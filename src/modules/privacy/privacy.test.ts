import { beforeAll, describe, expect, it } from 'vitest'
import { json, sessionFor, type AuthHeaders } from '../../test/test-app'
import { insertCustomer, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { mentions, privacyApp, seedMarketingAndImports, seedThroughApi, termsOf, unzip, type Person } from './privacy.fixtures'
import { erasedKeyOf } from '../suppressions/suppressions.repository'

const s = privacyApp()
let sales: AuthHeaders

const nana: Person = { name: '欧阳娜娜', email: 'nana.ouyang@example.cn', phone: '+8613812345678', national: '13812345678' }
beforeAll(async () => {
  sales = await sessionFor(s.t, (await insertUser(s.t.db, { role: 'sales' })).id)
})

const download = (url: string, as: AuthHeaders) => s.t.app.inject({ method: 'GET', url, headers: as })
const REPORTS = ['pipeline', 'revenue', 'tickets', 'csat', 'campaigns', 'customer-growth', 'win-rate']
const totals = async () => Object.fromEntries(await Promise.all(REPORTS.map(async (r) => {
  const res = await s.api.get(`/api/v1/reports/${r}`, s.admin)
  expect(res.statusCode, `${r}: ${res.body}`).toBe(200)
  return [r, json(res).totals]
})))

describe('a contact: export, then erase', () => {
  let contactId: string
  let companyId: string
  let seeded: Awaited<ReturnType<typeof seedThroughApi>>

  beforeAll(async () => {
    companyId = (await insertCustomer(s.t.db, { name: '上海明辉科技有限公司', ownerId: s.adminId })).id
    const contact = json(await s.api.post('/api/v1/contacts', { customerId: companyId, name: nana.name, email: nana.email, phone: nana.phone, title: '采购经理' }, s.admin))
    contactId = contact.id
    await s.api.patch(`/api/v1/contacts/${contactId}`, { version: contact.version, title: '采购总监' }, s.admin)
    seeded = await seedThroughApi(s.t, s.admin, nana, { customerId: companyId, contactId })
    await seedMarketingAndImports(s.t.db, nana, { kind: 'contact', id: contactId }, s.adminId)
  })

  it('is refused to anyone but an admin, and a company customer is no person', async () => {
    expectProblem(await download(`/api/v1/privacy/contact/${contactId}/export`, sales), 403)
    expectProblem(await s.api.post(`/api/v1/privacy/contact/${contactId}/erase`, { version: 1, confirm: nana.name }, sales), 403)
    expectProblem(await download(`/api/v1/privacy/customer/${companyId}/export`, s.admin), 409)
    expectProblem(await download(`/api/v1/privacy/lead/${contactId}/export`, s.admin), 404)
  })

  it('exports every record about the person as JSON and CSV in one ZIP, and audits the request', async () => {
    const res = await download(`/api/v1/privacy/contact/${contactId}/export`, s.admin)
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
    const audit = await s.t.db.selectFrom('auditLog').selectAll().where('action', '=', 'privacy_export').where('entityId', '=', contactId).execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actorId: s.adminId, entity: 'contact' })
  })

  it('erases the person everywhere in one transaction, keeps the totals, and audits without the values', async () => {
    const before = await totals()
    expect(await mentions(s.t.db, termsOf(nana))).not.toEqual([])
    const current = json(await s.api.get(`/api/v1/contacts/${contactId}`, s.admin))
    const url = `/api/v1/privacy/contact/${contactId}/erase`
    expectProblem(await s.api.post(url, { version: current.version, confirm: '欧阳' }, s.admin), 400, ['confirm'])
    const stale = expectProblem(await s.api.post(url, { version: current.version - 1, confirm: nana.name }, s.admin), 409)
    expect(stale.current).toMatchObject({ version: current.version })
    expect(await mentions(s.t.db, [nana.email])).not.toEqual([]) // the refusals changed nothing

    const res = await s.api.post(url, { version: current.version, confirm: ` ${nana.name} ` }, s.admin)
    expect(res.statusCode, res.body).toBe(200)
    const erasure = json(res)
    expect(erasure).toMatchObject({ kind: 'contact', id: contactId, suppressedHashes: 1 })
    expect(erasure.rows).toMatchObject({ contacts: 1, activities: 2, tickets: 1, ticket_comments: 1, campaign_recipients: 1, mailing_list_members: 1, suppressions: 1, import_rows: 2, import_uploads: 1 })

    expect(await mentions(s.t.db, termsOf(nana))).toEqual([])
    expect(await totals()).toEqual(before)
    expect(json(await s.api.get(`/api/v1/opportunities/${seeded.dealId}`, s.admin))).toMatchObject({ amount: '8800.00', name: '[erased] 年度合同' })
    expect(json(await s.api.get(`/api/v1/contacts/${contactId}`, s.admin))).toMatchObject({ name: '[erased]', email: null, phone: null, version: current.version + 1 })

    const rows = await s.t.db.selectFrom('auditLog').selectAll().where('action', 'in', ['privacy_erase', 'redact']).orderBy('at').execute()
    expect(rows.map((r) => r.action).sort()).toEqual(['privacy_erase', 'redact'])
    const redact = rows.find((r) => r.action === 'redact')!
    expect((redact.changes as { rows: string[] }).rows.length).toBeGreaterThanOrEqual(11)
    // The address lives on only as its hash, so campaigns still skip it.
    const kept = await s.t.db.selectFrom('suppressions').selectAll().where('email', '=', erasedKeyOf(nana.email)).executeTakeFirst()
    expect(kept).toMatchObject({ reason: 'erased' })
  })
})
