import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertActivity, insertCampaign, insertContact, insertCustomer, insertLead, insertTeam, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'

let t: TestApp
let api: ReturnType<typeof http>
let sales: AuthHeaders
let salesId: string
let teamId: string
let teammate: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  campaignId = (await insertCampaign(t.db, { name: '青岛展会' })).id
  api = http(t)
  teamId = (await insertTeam(t.db)).id
  salesId = (await insertUser(t.db, { role: 'sales', teamId })).id
  sales = await sessionFor(t, salesId)
  teammate = await sessionFor(t, (await insertUser(t.db, { role: 'sales', teamId })).id)
})
afterAll(() => t.close())

const counts = async () => ({
  customers: (await t.db.selectFrom('customers').select('id').execute()).length,
  contacts: (await t.db.selectFrom('contacts').select('id').execute()).length,
  opportunities: (await t.db.selectFrom('opportunities').select('id').execute()).length,
  audit: (await t.db.selectFrom('auditLog').select('id').execute()).length,
})
const leadRow = (id: string) => t.db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
let campaignId: string

describe('POST /leads/{id}/convert', () => {
  it('creates customer, primary contact and opportunity in one go, moves the activities and marks the lead', async () => {
    const lead = await insertLead(t.db, { name: '赵磊', company: '青岛海韵电子', email: 'zhao@haiyun.cn', phone: '+8653288886666', source: 'expo', campaignId, ownerId: salesId, status: 'qualified' })
    await t.db.updateTable('leads').set({ title: '采购经理' }).where('id', '=', lead.id).execute()
    const call = await insertActivity(t.db, { type: 'call', subject: 'First call', leadId: lead.id, ownerId: salesId })
    const task = await insertActivity(t.db, { type: 'task', subject: 'Send brochure', leadId: lead.id, ownerId: salesId, dueAt: new Date(Date.now() + 86400_000) })

    const res = await api.post(`/api/v1/leads/${lead.id}/convert`, { amount: '120000.50', currency: 'cny', expectedCloseDate: '2027-03-31' }, sales)
    expect(res.statusCode, res.body).toBe(200)
    const { lead: converted, customer, contact, opportunity } = json(res)
    expect(customer).toMatchObject({ type: 'company', name: '青岛海韵电子', company: '青岛海韵电子', email: 'zhao@haiyun.cn', phone: '+8653288886666', source: 'expo', ownerId: salesId, teamId })
    expect(contact).toMatchObject({ customerId: customer.id, name: '赵磊', title: '采购经理', email: 'zhao@haiyun.cn', phone: '+8653288886666', isPrimary: true })
    expect(opportunity).toMatchObject({
      name: '青岛海韵电子 – 商机', customerId: customer.id, contactId: contact.id, amount: '120000.50', currency: 'CNY',
      expectedCloseDate: '2027-03-31', campaignId, leadId: lead.id, ownerId: salesId, stage: 'qualification',
    })
    expect(converted).toMatchObject({
      id: lead.id, status: 'converted', convertedAt: expect.any(String), convertedCustomerId: customer.id,
      convertedContactId: contact.id, convertedOpportunityId: opportunity.id, version: 2,
    })
    const moved = await t.db.selectFrom('activities').select(['id', 'customerId', 'contactId', 'opportunityId', 'leadId']).where('id', 'in', [call.id, task.id]).execute()
    for (const a of moved) expect(a).toMatchObject({ customerId: customer.id, contactId: contact.id, opportunityId: opportunity.id, leadId: lead.id })

    const audit = await t.db.selectFrom('auditLog').select(['entity', 'action', 'entityId', 'requestId']).where('entityId', 'in', [lead.id, customer.id, contact.id, opportunity.id]).execute()
    expect(audit.map((a) => `${a.entity}:${a.action}`).sort()).toEqual(['contact:create', 'customer:create', 'lead:convert', 'opportunity:create'])
    expect(new Set(audit.map((a) => a.requestId)).size).toBe(1)

    // The customer's timeline tells the story, and the lead's activities are on it.
    const timeline = json(await api.get(`/api/v1/customers/${customer.id}/timeline`, sales))
    expect(timeline.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['activity', 'activity', 'lead_converted', 'opportunity_created'])
  })

  it('converting twice is a 409 and creates nothing more', async () => {
    const lead = await insertLead(t.db, { name: 'Twice', company: 'Twice Ltd', ownerId: salesId })
    expect((await api.post(`/api/v1/leads/${lead.id}/convert`, {}, sales)).statusCode).toBe(200)
    const before = await counts()
    const again = expectProblem(await api.post(`/api/v1/leads/${lead.id}/convert`, {}, sales), 409)
    expect(again.code).toBe('LEAD_ALREADY_CONVERTED')
    expect(await counts()).toEqual(before)
  })

  it('attaches to an existing customer: no new customer, the contact is not primary when one exists, no deal when not asked', async () => {
    const customer = await insertCustomer(t.db, { name: 'Existing Co', ownerId: salesId, teamId })
    const primary = await insertContact(t.db, customer.id, { name: 'Boss', isPrimary: true })
    const lead = await insertLead(t.db, { name: 'New person', company: 'Existing Co', ownerId: salesId })
    const before = await counts()
    const res = await api.post(`/api/v1/leads/${lead.id}/convert`, { customerId: customer.id, createOpportunity: false }, sales)
    expect(res.statusCode, res.body).toBe(200)
    const body = json(res)
    expect(body.customer.id).toBe(customer.id)
    expect(body.contact).toMatchObject({ customerId: customer.id, name: 'New person', isPrimary: false })
    expect(body.opportunity).toBeNull()
    expect(body.lead).toMatchObject({ convertedCustomerId: customer.id, convertedOpportunityId: null })
    const after = await counts()
    expect(after).toMatchObject({ customers: before.customers, contacts: before.contacts + 1, opportunities: before.opportunities })
    expect((await t.db.selectFrom('contacts').select('isPrimary').where('id', '=', primary.id).executeTakeFirstOrThrow()).isPrimary).toBe(true)
  })

  it('a customer the caller may not see is a 400 on customerId, and nothing is written', async () => {
    const otherTeam = (await insertTeam(t.db)).id
    const stranger = await insertUser(t.db, { role: 'sales', teamId: otherTeam })
    const hidden = await insertCustomer(t.db, { name: 'Hidden', ownerId: stranger.id, teamId: otherTeam })
    const deleted = await insertCustomer(t.db, { name: 'Deleted', ownerId: salesId, teamId, deletedAt: new Date() })
    const lead = await insertLead(t.db, { name: 'Stays a lead', ownerId: salesId })
    const before = await counts()
    for (const customerId of [hidden.id, deleted.id]) {
      expectProblem(await api.post(`/api/v1/leads/${lead.id}/convert`, { customerId }, sales), 400, ['customerId'])
    }
    expect(await counts()).toEqual(before)
    expect(await leadRow(lead.id)).toMatchObject({ status: 'new', convertedAt: null, version: 1 })
  })

  it('a person without company becomes a person customer; a teammate may convert and the lead owner keeps the customer', async () => {
    const lead = await insertLead(t.db, { name: '孙悦', email: 'sun@example.com', ownerId: salesId })
    const res = await api.post(`/api/v1/leads/${lead.id}/convert`, { opportunityName: '孙悦 年度合同' }, teammate)
    expect(res.statusCode, res.body).toBe(200)
    const body = json(res)
    expect(body.customer).toMatchObject({ type: 'person', name: '孙悦', ownerId: salesId })
    expect(body.opportunity).toMatchObject({ name: '孙悦 年度合同', amount: '0.00', currency: 'CNY' })
  })

  it('validates the body and refuses a deleted or invisible lead', async () => {
    const lead = await insertLead(t.db, { ownerId: salesId })
    expectProblem(await api.post(`/api/v1/leads/${lead.id}/convert`, { amount: '-1', currency: 'RMB!', expectedCloseDate: '2027-02-30', extra: 1 }, sales), 400, ['amount', 'currency', 'expectedCloseDate', 'extra'])
    const gone = await insertLead(t.db, { ownerId: salesId, deletedAt: new Date() })
    expectProblem(await api.post(`/api/v1/leads/${gone.id}/convert`, {}, sales), 404)
    const stranger = await insertUser(t.db, { role: 'sales', teamId: (await insertTeam(t.db)).id })
    const theirs = await insertLead(t.db, { ownerId: stranger.id })
    expectProblem(await api.post(`/api/v1/leads/${theirs.id}/convert`, {}, sales), 404)
  })
})

describe('a lead whose campaign was deleted since', () => {
  it('converts, and its deal comes without the campaign', async () => {
    const gone = (await insertCampaign(t.db, { name: '已结束的活动' })).id
    const lead = await insertLead(t.db, { name: '钱多多', company: '宁波港湾贸易', campaignId: gone, ownerId: salesId, status: 'qualified' })
    await t.db.updateTable('campaigns').set({ deletedAt: new Date() }).where('id', '=', gone).execute()
    const res = await api.post(`/api/v1/leads/${lead.id}/convert`, {}, sales)
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res).opportunity).toMatchObject({ campaignId: null, leadId: lead.id })
  })
})
