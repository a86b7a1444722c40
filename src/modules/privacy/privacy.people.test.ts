import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { json, sessionFor } from '../../test/test-app'
import { insertCampaign, insertLead, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { ROLES } from '../../server/context'
import { newId } from '../../lib/ids'
import { materialise } from '../campaigns/campaigns.recipients.repository'
import { mentions, privacyApp, seedMarketingAndImports, seedThroughApi, termsOf, unzip, type Person } from './privacy.fixtures'

const s = privacyApp()

const lei: Person = { name: 'Li Lei', email: 'Li.Lei@Example.com', phone: '+8613900001111', national: '13900001111' }
const mei: Person = { name: '韩梅梅', email: 'meimei.han@example.net', phone: '+8613700002222', national: '13700002222' }

const erase = async (kind: string, id: string, name: string, version: number) => {
  const res = await s.api.post(`/api/v1/privacy/${kind}/${id}/erase`, { version, confirm: name }, s.admin)
  expect(res.statusCode, res.body).toBe(200)
  return json(res)
}

describe('a lead who wrote in through the web form', () => {
  it('exports his lead, timeline and audit; erasure also clears the address the form recorded; a new lead with his address is not mailed', async () => {
    const form = await s.t.app.inject({
      method: 'POST', url: '/api/v1/public/leads', remoteAddress: '203.0.113.9',
      payload: { name: lei.name, email: lei.email, phone: lei.national, company: 'Lei Trading', message: `I am ${lei.name}` },
    })
    expect(form.statusCode, form.body).toBe(201)
    const lead = await s.t.db.selectFrom('leads').selectAll().where('name', '=', lei.name).executeTakeFirstOrThrow()
    await seedThroughApi(s.t, s.admin, lei, { customerId: '', leadId: lead.id })
    await seedMarketingAndImports(s.t.db, lei, { kind: 'lead', id: lead.id }, s.adminId)

    const zip = await unzip((await s.t.app.inject({ method: 'GET', url: `/api/v1/privacy/lead/${lead.id}/export`, headers: s.admin })).rawPayload)
    const manifest = JSON.parse(zip['manifest.json']!)
    expect(manifest.rows).toMatchObject({ leads: 1, activities: 2, campaign_recipients: 1, mailing_list_memberships: 1, import_rows: 2, tickets: 0 })
    expect(JSON.parse(zip['leads.json']!)[0]).toMatchObject({ email: lei.email.toLowerCase(), meta: { form: { ip: '203.0.113.9' } } })
    expect(await mentions(s.t.db, ['203.0.113.9'])).not.toEqual([])

    await erase('lead', lead.id, lei.name, lead.version)
    expect(await mentions(s.t.db, [...termsOf(lei), '203.0.113.9', 'Lei Trading'])).toEqual([])

    // He fills in the form again: a campaign to a list holding the new lead skips him.
    const again = await insertLead(s.t.db, { name: 'L. Lei', email: lei.email })
    const campaign = await insertCampaign(s.t.db)
    const listId = newId()
    await s.t.db.insertInto('mailingLists').values({ id: listId, name: 'Again', kind: 'static' } as never).execute()
    await s.t.db.insertInto('mailingListMembers').values({ listId, entityId: again.id, kind: 'lead' } as never).execute()
    await materialise(s.t.db, campaign.id, { id: listId, kind: 'static', filter: null })
    const recipient = await s.t.db.selectFrom('campaignRecipients').selectAll().where('campaignId', '=', campaign.id).executeTakeFirstOrThrow()
    expect(recipient).toMatchObject({ state: 'skipped', skipReason: 'suppressed' })
  })
})

describe('a person-customer', () => {
  it('takes his own contacts along; tickets he filed from his address without a record are his too', async () => {
    const customer = json(await s.api.post('/api/v1/customers', { type: 'person', name: mei.name, email: mei.email, phone: mei.phone, address: { city: '杭州', street: '文三路 90 号' }, tags: ['VIP'] }, s.admin))
    const contact = json(await s.api.post('/api/v1/contacts', { customerId: customer.id, name: mei.name, phone: mei.national }, s.admin))
    // A duplicate merged into him stays behind as a deleted row that still holds its details.
    const duplicate = json(await s.api.post('/api/v1/customers', { type: 'person', name: `${mei.name}（重复）`, email: 'mei.h@example.org' }, s.admin))
    expect((await s.api.post(`/api/v1/customers/${customer.id}/merge`, { sourceId: duplicate.id }, s.admin)).statusCode).toBe(200)
    await seedThroughApi(s.t, s.admin, mei, { customerId: customer.id })
    const stray = json(await s.api.post('/api/v1/tickets', { subject: 'Where is my parcel', contactEmail: mei.email, contactName: mei.name }, s.admin))
    const zip = await unzip((await s.t.app.inject({ method: 'GET', url: `/api/v1/privacy/customer/${customer.id}/export`, headers: s.admin })).rawPayload)
    const manifest = JSON.parse(zip['manifest.json']!)
    expect(manifest.rows).toMatchObject({ customers: 2, contacts: 1, tickets: 2, opportunities: 1, quotes: 1, orders: 1, suppressions: 1 })
    expect(JSON.parse(zip['tickets.json']!).map((r: { id: string }) => r.id)).toContain(stray.id)

    const current = json(await s.api.get(`/api/v1/customers/${customer.id}`, s.admin))
    const result = await erase('customer', customer.id, mei.name, current.version)
    expect(result.rows).toMatchObject({ customers: 2, contacts: 1, tickets: 2 })
    expect(await mentions(s.t.db, [...termsOf(mei), '文三路', 'mei.h@example.org'])).toEqual([])
    expect(json(await s.api.get(`/api/v1/customers/${customer.id}`, s.admin))).toMatchObject({ name: '[erased]', tags: [], address: null, type: 'person' })
    expect(json(await s.api.get(`/api/v1/contacts/${contact.id}`, s.admin))).toMatchObject({ name: '[erased]', phone: null })
  })
})

describe('who may ask', () => {
  it('admins only, for export and erasure', async () => {
    const lead = await insertLead(s.t.db, { name: 'Someone', ownerId: s.adminId })
    for (const role of ROLES) {
      const as = await sessionFor(s.t, (await insertUser(s.t.db, { role })).id)
      const res = await s.t.app.inject({ method: 'GET', url: `/api/v1/privacy/lead/${lead.id}/export`, headers: as })
      expect(res.statusCode, role).toBe(role === 'admin' ? 200 : 403)
      if (role !== 'admin') expectProblem(await s.api.post(`/api/v1/privacy/lead/${lead.id}/erase`, { version: 1, confirm: 'Someone' }, as), 403)
    }
    expectProblem(await s.t.app.inject({ method: 'GET', url: `/api/v1/privacy/lead/${lead.id}/export` }), 401)
  })
})

describe('a long history', () => {
  it('is exported page by page, every row once (single and composite keys)', async () => {
    const lead = await insertLead(s.t.db, { name: 'Busy Person', email: 'busy@example.com' })
    await sql`INSERT INTO activities (id, type, subject, lead_id) SELECT kith_uuid_v7(), 'note', 'n' || g, ${lead.id}::uuid FROM generate_series(1, 1101) g`.execute(s.t.db)
    const importId = newId()
    await s.t.db.insertInto('imports').values({ id: importId, entity: 'leads', status: 'completed', fileName: 'x.csv', format: 'csv' } as never).execute()
    await sql`INSERT INTO import_rows (import_id, row_number, outcome, entity_id) SELECT ${importId}::uuid, g, 'created', ${lead.id}::uuid FROM generate_series(2, 602) g`.execute(s.t.db)
    const zip = await unzip((await s.t.app.inject({ method: 'GET', url: `/api/v1/privacy/lead/${lead.id}/export`, headers: s.admin })).rawPayload)
    expect(JSON.parse(zip['manifest.json']!).rows).toMatchObject({ activities: 1101, import_rows: 601 })
    const subjects = JSON.parse(zip['activities.json']!).map((a: { subject: string }) => a.subject)
    expect(new Set(subjects).size).toBe(1101)
    expect(zip['import_rows.csv']!.trim().split('\r\n')).toHaveLength(602)
  })
})
