import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCampaign, insertContact, insertCustomer, insertLead, insertTeam, insertUser } from '../../test/factories'
import { expectProblem, http, ids } from '../../test/http'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let sales: AuthHeaders
let salesId: string

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  const team = await insertTeam(t.db)
  salesId = (await insertUser(t.db, { role: 'sales', teamId: team.id })).id
  sales = await sessionFor(t, salesId)
})
afterAll(() => t.close())

const row = (id: string) => t.db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('creating and reading leads', () => {
  it('creates with 201, Location, E.164 phone, the caller as owner, and an audit row', async () => {
    const res = await api.post('/api/v1/leads', { name: '王小明', company: '杭州云帆科技', email: 'Wang@YunFan.cn', phone: '138 1234 5678', source: 'expo', score: 40 }, sales)
    expect(res.statusCode).toBe(201)
    const lead = json(res)
    expect(res.headers.location).toBe(`/api/v1/leads/${lead.id}`)
    expect(lead).toMatchObject({
      name: '王小明', company: '杭州云帆科技', email: 'wang@yunfan.cn', phone: '+8613812345678', source: 'expo', score: 40,
      status: 'new', ownerId: salesId, version: 1, convertedAt: null, convertedCustomerId: null, deletedAt: null,
    })
    expect(json(await api.get(`/api/v1/leads/${lead.id}`, sales))).toEqual(lead)
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entityId', '=', lead.id).execute()
    expect(audit).toEqual([expect.objectContaining({ action: 'create', entity: 'lead', actorId: salesId })])
  })

  it('refuses bad input with field errors and stores nothing', async () => {
    const before = await t.db.selectFrom('leads').select('id').execute()
    expectProblem(await api.post('/api/v1/leads', { name: '', email: 'nope', score: 101, status: 'converted', phone: '12' }, sales), 400, ['name', 'email', 'score', 'status'])
    expectProblem(await api.post('/api/v1/leads', { name: 'Bad phone', phone: '12' }, sales), 400, ['phone'])
    expectProblem(await api.post('/api/v1/leads', { name: 'X', isVip: true }, sales), 400, ['isVip'])
    expect(await t.db.selectFrom('leads').select('id').execute()).toHaveLength(before.length)
  })

  it('links only a live campaign: an unknown or deleted one is a 400 on campaignId, on create and on update', async () => {
    const live = (await insertCampaign(t.db, { name: '春季展会' })).id
    const deleted = (await insertCampaign(t.db, { deletedAt: new Date() })).id
    const unknown = '0190a000-0000-7000-8000-00000000c0de'
    for (const campaignId of [unknown, deleted]) {
      expectProblem(await api.post('/api/v1/leads', { name: 'No such campaign', campaignId }, sales), 400, ['campaignId'])
    }
    const made = json(await api.post('/api/v1/leads', { name: 'Expo visitor', campaignId: live }, sales))
    expect(made.campaignId).toBe(live)
    expectProblem(await api.patch(`/api/v1/leads/${made.id}`, { version: made.version, campaignId: unknown }, sales), 400, ['campaignId'])
    const cleared = await api.patch(`/api/v1/leads/${made.id}`, { version: made.version, campaignId: null }, sales)
    expect(cleared.statusCode, cleared.body).toBe(200)
    expect(json(cleared).campaignId).toBeNull()
  })

  it('lists with filters and keyset pages in every sort, without repeats or gaps', async () => {
    const campaignId = (await insertCampaign(t.db)).id
    const made: string[] = []
    for (let i = 0; i < 7; i++) {
      made.push((await insertLead(t.db, { name: `Sorted ${String.fromCharCode(71 - i)}`, score: (i * 37) % 100, ownerId: salesId, source: 'sorted', campaignId, status: i % 2 ? 'contacted' : 'new' })).id)
    }
    for (const sort of ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', 'score', '-score']) {
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const res = await api.get(`/api/v1/leads?source=sorted&limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`, sales)
        expect(res.statusCode, res.body).toBe(200)
        seen.push(...ids(res))
        cursor = json(res).nextCursor
      } while (cursor)
      expect(seen.sort()).toEqual([...made].sort())
    }
    const byScore = json(await api.get('/api/v1/leads?source=sorted&sort=-score', sales)).items.map((l: { score: number }) => l.score)
    expect(byScore).toEqual([...byScore].sort((a, b) => b - a))
    expect(ids(await api.get(`/api/v1/leads?campaignId=${campaignId}&status=contacted`, sales))).toHaveLength(3)
    expect(ids(await api.get(`/api/v1/leads?ownerId=${salesId}&source=sorted`, admin))).toHaveLength(7)
    expectProblem(await api.get('/api/v1/leads?sort=score&cursor=eyJzIjoic2NvcmUiLCJ2IjoiYWJjIiwiaWQiOiIwMTkwYTAwMC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDAifQ', sales), 400, ['cursor'])
  })

  it('searches name, company, e-mail and phone digits, typo-tolerant', async () => {
    const l = await insertLead(t.db, { name: 'Zhang Wei', company: 'Shenzhen Brightstar', email: 'zw@brightstar.cn', phone: '+8613911112222', ownerId: salesId })
    for (const q of ['brightstar', 'brightstarr', '1391111', 'zw@bright', 'zhang']) {
      expect(ids(await api.get(`/api/v1/leads?q=${encodeURIComponent(q)}`, sales)), q).toContain(l.id)
    }
  })
})

describe('updating leads', () => {
  it('walks the status path and refuses a jump it does not allow', async () => {
    const l = await insertLead(t.db, { ownerId: salesId })
    const step = async (status: string, version: number) => api.patch(`/api/v1/leads/${l.id}`, { version, status }, sales)
    expectProblem(await step('qualified', 1), 400, ['status'])
    expect(json(await step('contacted', 1))).toMatchObject({ status: 'contacted', version: 2 })
    expect(json(await step('qualified', 2))).toMatchObject({ status: 'qualified', version: 3 })
    expect(json(await step('unqualified', 3))).toMatchObject({ status: 'unqualified', version: 4 })
    expect(json(await step('contacted', 4))).toMatchObject({ status: 'contacted', version: 5 })
    expectProblem(await api.patch(`/api/v1/leads/${l.id}`, { version: 5, status: 'converted' }, sales), 400, ['status'])
  })

  it('a stale version is a 409 carrying the current lead', async () => {
    const l = await insertLead(t.db, { ownerId: salesId })
    expect((await api.patch(`/api/v1/leads/${l.id}`, { version: 1, score: 10 }, sales)).statusCode).toBe(200)
    const body = expectProblem(await api.patch(`/api/v1/leads/${l.id}`, { version: 1, score: 20 }, sales), 409)
    expect(body.current).toMatchObject({ id: l.id, version: 2, score: 10 })
  })

  it('a converted lead is read-only', async () => {
    const l = await insertLead(t.db, { ownerId: salesId, status: 'converted' })
    const body = expectProblem(await api.patch(`/api/v1/leads/${l.id}`, { version: 1, name: 'Changed' }, sales), 409)
    expect(body.code).toBe('LEAD_ALREADY_CONVERTED')
    expect((await row(l.id)).name).toBe(l.name)
  })
})

describe('deleting leads', () => {
  it('soft deletes, lists the deleted, restores; an admin purges', async () => {
    const l = await insertLead(t.db, { ownerId: salesId, name: 'Soon gone' })
    expect((await api.del(`/api/v1/leads/${l.id}`, sales)).statusCode).toBe(204)
    expectProblem(await api.get(`/api/v1/leads/${l.id}`, sales), 404)
    expect(ids(await api.get('/api/v1/leads?deleted=true', sales))).toContain(l.id)
    expect(json(await api.post(`/api/v1/leads/${l.id}/restore`, undefined, sales))).toMatchObject({ id: l.id, deletedAt: null })
    expectProblem(await api.post(`/api/v1/leads/${l.id}/restore`, undefined, sales), 409)
    expectProblem(await api.del(`/api/v1/leads/${l.id}?purge=true`, sales), 403)
    expect((await api.del(`/api/v1/leads/${l.id}?purge=true`, admin)).statusCode).toBe(204)
    expect(await t.db.selectFrom('leads').select('id').where('id', '=', l.id).execute()).toEqual([])
    expectProblem(await api.get(`/api/v1/leads/${l.id}/history`, admin), 404)
  })

  it('purging a lead takes its own activities and unlinks those that are also on a customer', async () => {
    const l = await insertLead(t.db, { ownerId: salesId })
    const c = await insertCustomer(t.db, { ownerId: salesId })
    const only = json(await api.post('/api/v1/activities', { type: 'call', subject: 'Only on the lead', leadId: l.id }, sales))
    const both = json(await api.post('/api/v1/activities', { type: 'note', subject: 'Also on a customer', leadId: l.id, customerId: c.id }, sales))
    expect((await api.del(`/api/v1/leads/${l.id}?purge=true`, admin)).statusCode).toBe(204)
    const left = await t.db.selectFrom('activities').select(['id', 'leadId', 'customerId']).where('id', 'in', [only.id, both.id]).execute()
    expect(left).toEqual([{ id: both.id, leadId: null, customerId: c.id }])
  })
})

describe('duplicates', () => {
  it('finds leads, customers and contacts by e-mail (any case), phone (E.164) and company (any case)', async () => {
    const lead = await insertLead(t.db, { name: 'Dup source', email: 'li.na@hualian.cn', phone: '+8613700001111', company: 'Hualian Trading', ownerId: salesId })
    const byEmail = await insertLead(t.db, { name: 'Dup lead by email', email: 'LI.NA@HUALIAN.CN', ownerId: salesId })
    const byCompany = await insertCustomer(t.db, { name: 'HUALIAN TRADING', ownerId: salesId })
    const byCompanyField = await insertCustomer(t.db, { name: 'Other name', company: 'hualian trading', ownerId: salesId })
    const custByPhone = await insertCustomer(t.db, { name: 'Phone match', phone: '+8613700001111', ownerId: salesId })
    const contact = await insertContact(t.db, custByPhone.id, { name: 'Contact by email', email: 'Li.Na@hualian.cn' })
    const hidden = await insertCustomer(t.db, { name: 'Invisible', email: 'li.na@hualian.cn' }) // unowned: only admins see it
    await insertLead(t.db, { name: 'Converted twin', email: 'li.na@hualian.cn', status: 'converted', ownerId: salesId })
    await insertLead(t.db, { name: 'Deleted twin', email: 'li.na@hualian.cn', deletedAt: new Date(), ownerId: salesId })

    const res = await api.get(`/api/v1/leads/${lead.id}/duplicates`, sales)
    expect(res.statusCode).toBe(200)
    const items = json(res).items as { kind: string; id: string; matchedOn: string[] }[]
    const by = (id: string) => items.find((i) => i.id === id)
    expect(items).toHaveLength(5)
    expect(by(byEmail.id)).toMatchObject({ kind: 'lead', matchedOn: ['email'] })
    expect(by(byCompany.id)).toMatchObject({ kind: 'customer', matchedOn: ['company'] })
    expect(by(byCompanyField.id)).toMatchObject({ kind: 'customer', matchedOn: ['company'] })
    expect(by(custByPhone.id)).toMatchObject({ kind: 'customer', matchedOn: ['phone'] })
    expect(by(contact.id)).toMatchObject({ kind: 'contact', matchedOn: ['email'] })
    expect(by(lead.id)).toBeUndefined()
    expect(by(hidden.id)).toBeUndefined()
    expect(json(await api.get(`/api/v1/leads/${lead.id}/duplicates`, admin)).items.map((i: { id: string }) => i.id)).toContain(hidden.id)

    // Before creating: the same answer for what a form holds, the phone as typed.
    const check = json(await api.get(`/api/v1/leads/duplicates?phone=${encodeURIComponent('137-0000-1111')}&email=LI.NA@hualian.cn`, sales))
    expect(check.items.map((i: { id: string }) => i.id).sort()).toEqual([lead.id, byEmail.id, custByPhone.id, contact.id].sort())
    expect(json(await api.get('/api/v1/leads/duplicates', sales))).toEqual({ items: [] })
    // A half-typed phone is no match rather than an error, so the e-mail still finds its duplicates.
    const typing = await api.get('/api/v1/leads/duplicates?phone=137&email=LI.NA@hualian.cn', sales)
    expect(typing.statusCode).toBe(200)
    expect(json(typing).items.map((i: { id: string }) => i.id)).toContain(byEmail.id)
  })
})
