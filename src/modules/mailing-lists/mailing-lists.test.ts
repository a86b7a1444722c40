import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertContact, insertCustomer, insertLead, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'

let t: TestApp
let api: ReturnType<typeof http>
let marketing: AuthHeaders
let manager: AuthHeaders
let sales: AuthHeaders
let admin: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  marketing = await sessionFor(t, (await insertUser(t.db, { role: 'marketing' })).id)
  manager = await sessionFor(t, (await insertUser(t.db, { role: 'manager' })).id)
  sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
})
afterAll(() => t.close())

const setAddress = (id: string, address: object) => t.db.updateTable('customers').set({ address: JSON.stringify(address) }).where('id', '=', id).execute()

describe('static lists', () => {
  it('adds customers, contacts and leads; reports unknown ids; pages members; removes one; audits', async () => {
    const list = json(await api.post('/api/v1/mailing-lists', { name: '展会客户', kind: 'static' }, marketing))
    expect(list).toMatchObject({ name: '展会客户', kind: 'static', filter: null, version: 1 })
    const cu = await insertCustomer(t.db, { name: '上海机械', email: 'info@shjx.cn' })
    const ct = await insertContact(t.db, cu.id, { name: '李雷', email: 'lilei@shjx.cn' })
    const ld = await insertLead(t.db, { name: 'Anna Smith', email: 'anna@example.com', company: 'Acme' })
    const missing = '0190f0f0-0000-7000-8000-000000000000'
    const added = json(await api.post(`/api/v1/mailing-lists/${list.id}/members`, { customerIds: [cu.id], contactIds: [ct.id, missing], leadIds: [ld.id] }, marketing))
    expect(added).toEqual({ added: 3, alreadyMembers: 0, notFound: [missing] })
    expect(json(await api.post(`/api/v1/mailing-lists/${list.id}/members`, { leadIds: [ld.id] }, marketing))).toEqual({ added: 0, alreadyMembers: 1, notFound: [] })
    expect(json(await api.get(`/api/v1/mailing-lists/${list.id}/count`, manager))).toEqual({ count: 3, emails: 3 })

    const page1 = json(await api.get(`/api/v1/mailing-lists/${list.id}/members?limit=2`, marketing))
    expect(page1.items).toHaveLength(2)
    const page2 = json(await api.get(`/api/v1/mailing-lists/${list.id}/members?limit=2&cursor=${page1.nextCursor}`, marketing))
    expect(page2.nextCursor).toBeNull()
    const all = [...page1.items, ...page2.items]
    expect(all.map((m: any) => m.kind).sort()).toEqual(['contact', 'customer', 'lead'])
    expect(all.find((m: any) => m.kind === 'contact')).toEqual({ id: ct.id, kind: 'contact', email: 'lilei@shjx.cn', name: '李雷', company: '上海机械' })

    expect((await api.del(`/api/v1/mailing-lists/${list.id}/members/${ld.id}`, marketing)).statusCode).toBe(204)
    expectProblem(await api.del(`/api/v1/mailing-lists/${list.id}/members/${ld.id}`, marketing), 404)
    expect(json(await api.get(`/api/v1/mailing-lists/${list.id}/count`, marketing)).count).toBe(2)
    const audit = await t.db.selectFrom('auditLog').select('action').where('entityId', '=', list.id).orderBy('id').execute()
    expect(audit.map((a) => a.action)).toEqual(['create', 'members.add', 'members.remove'])
  })

  it('refuses a filter on a static list, unknown fields, and roles that may not manage lists', async () => {
    expectProblem(await api.post('/api/v1/mailing-lists', { name: 'x', kind: 'static', filter: { all: [{ field: 'customer.industry', op: 'eq', value: 'a' }] } }, marketing), 400, ['filter'])
    expectProblem(await api.post('/api/v1/mailing-lists', { name: 'x', kind: 'static', color: 'red' }, marketing), 400)
    expectProblem(await api.post('/api/v1/mailing-lists', { name: 'x', kind: 'static' }, manager), 403)
    expectProblem(await api.get('/api/v1/mailing-lists', sales), 403)
  })

  it('shows managers lists and counts but no member rows, segment samples or suppressed addresses (they are outside his team)', async () => {
    const list = json(await api.post('/api/v1/mailing-lists', { name: 'roles', kind: 'static' }, marketing))
    const cu = await insertCustomer(t.db, { name: 'Other team', email: 'other@team.cn' })
    await api.post(`/api/v1/mailing-lists/${list.id}/members`, { customerIds: [cu.id] }, marketing)
    await api.post('/api/v1/suppressions', { email: 'quiet@team.cn' }, marketing)
    const filter = { all: [{ field: 'customer.industry', op: 'eq', value: 'x' }] }

    expect((await api.get(`/api/v1/mailing-lists/${list.id}`, manager)).statusCode).toBe(200)
    expect(json(await api.get(`/api/v1/mailing-lists/${list.id}/count`, manager))).toEqual({ count: 1, emails: 1 })
    expectProblem(await api.get(`/api/v1/mailing-lists/${list.id}/members`, manager), 403)
    expectProblem(await api.post('/api/v1/mailing-lists/preview', { filter }, manager), 403)
    expectProblem(await api.get('/api/v1/suppressions', manager), 403)
    for (const who of [admin, marketing]) {
      expect(json(await api.get(`/api/v1/mailing-lists/${list.id}/members`, who)).items.map((m: any) => m.email)).toEqual(['other@team.cn'])
      expect((await api.post('/api/v1/mailing-lists/preview', { filter }, who)).statusCode).toBe(200)
      expect(json(await api.get('/api/v1/suppressions', who)).items.map((x: any) => x.email)).toContain('quiet@team.cn')
    }
    expectProblem(await api.get(`/api/v1/mailing-lists/${list.id}/count`, sales), 403)
  })
})

describe('dynamic segments', () => {
  it('evaluates industry AND city AND no order in 90 days, live, with a preview before saving', async () => {
    const a = await insertCustomer(t.db, { name: '苏州精工', industry: '制造业', email: 'a@sz.cn' })
    await setAddress(a.id, { city: '上海' })
    const b = await insertCustomer(t.db, { name: '北方制造', industry: '制造业', email: 'b@bf.cn' })
    await setAddress(b.id, { city: '北京' })
    const c = await insertCustomer(t.db, { name: '浦东制造', industry: '制造业' })
    await setAddress(c.id, { city: '上海' })
    const cContact = await insertContact(t.db, c.id, { name: '韩梅梅', email: 'hmm@pd.cn' })
    const filter = { all: [
      { field: 'customer.industry', op: 'eq', value: '制造业' },
      { field: 'customer.city', op: 'eq', value: '上海' },
      { field: 'customer.lastOrderAt', op: 'not_within_days', value: 90 },
    ] }
    const preview = json(await api.post('/api/v1/mailing-lists/preview', { filter }, marketing))
    expect(preview.count).toBe(3) // a (own address), c (no address), c's contact
    expect(preview.emails).toBe(2)
    expect(preview.sample.map((m: any) => m.id).sort()).toEqual([a.id, c.id, cContact.id].sort())

    const list = json(await api.post('/api/v1/mailing-lists', { name: '上海制造业', kind: 'dynamic', filter }, marketing))
    expect(json(await api.get(`/api/v1/mailing-lists/${list.id}/count`, marketing))).toEqual({ count: 3, emails: 2 })
    // Live: a new matching customer counts at once.
    const d = await insertCustomer(t.db, { name: '新客户', industry: '制造业', email: 'd@x.cn' })
    await setAddress(d.id, { city: '上海' })
    expect(json(await api.get(`/api/v1/mailing-lists/${list.id}/count`, marketing)).count).toBe(4)
    expectProblem(await api.post(`/api/v1/mailing-lists/${list.id}/members`, { customerIds: [d.id] }, marketing), 409)
  })

  it('selects leads by status and score; tags and in', async () => {
    await insertLead(t.db, { name: 'Q1', email: 'q1@l.cn', status: 'qualified', score: 80 })
    await insertLead(t.db, { name: 'Q2', email: 'q2@l.cn', status: 'qualified', score: 20 })
    const res = json(await api.post('/api/v1/mailing-lists/preview', { filter: { all: [{ field: 'lead.status', op: 'in', value: ['qualified'] }, { field: 'lead.score', op: 'gt', value: 50 }] } }, marketing))
    expect(res.sample.map((m: any) => m.name)).toEqual(['Q1'])
    await insertCustomer(t.db, { name: 'VIP', tags: ['vip', 'expo'], email: 'vip@x.cn' })
    const tagged = json(await api.post('/api/v1/mailing-lists/preview', { filter: { any: [{ field: 'customer.tags', op: 'contains', value: 'vip' }] } }, marketing))
    expect(tagged.sample.map((m: any) => m.name)).toEqual(['VIP'])
  })

  it('refuses an unknown field or operator with the path of the bad condition; mixing leads and customers; bad values', async () => {
    const bad = expectProblem(await api.post('/api/v1/mailing-lists', { name: 'x', kind: 'dynamic', filter: { all: [
      { field: 'customer.industry', op: 'eq', value: 'a' },
      { field: 'customer.password', op: 'eq', value: 'a' },
      { field: 'customer.city', op: 'gt', value: 'a' },
      { field: 'customer.createdAt', op: 'within_days', value: 'soon' },
    ] } }, marketing), 400, ['filter.all.1.field', 'filter.all.2.op', 'filter.all.3.value'])
    expect(bad.errors!.find((e) => e.path === 'filter.all.1.field')!.message).toContain('customer.password')
    expectProblem(await api.post('/api/v1/mailing-lists/preview', { filter: { all: [{ field: 'lead.status', op: 'eq', value: 'new' }, { field: 'customer.industry', op: 'eq', value: 'x' }] } }, marketing), 400, ['filter.all'])
    expectProblem(await api.post('/api/v1/mailing-lists', { name: 'x', kind: 'dynamic' }, marketing), 400, ['filter'])
    // Values are bound parameters: a quote is data, not SQL.
    const inj = json(await api.post('/api/v1/mailing-lists/preview', { filter: { all: [{ field: 'customer.industry', op: 'eq', value: "x' OR '1'='1" }] } }, marketing))
    expect(inj.count).toBe(0)
  })

  it('answers field names that are Object.prototype members with a 400 and the path, not a 500', async () => {
    const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']
    const filter = { all: names.map((field) => ({ field, op: 'eq', value: 'a' })) }
    const res = expectProblem(await api.post('/api/v1/mailing-lists/preview', { filter }, marketing), 400, names.map((_, i) => `filter.all.${i}.field`))
    expect(res.errors!.find((e) => e.path === 'filter.all.0.field')!.message).toContain('constructor')
    for (const field of names) {
      expectProblem(await api.post('/api/v1/mailing-lists', { name: 'x', kind: 'dynamic', filter: { any: [{ field, op: 'is_empty' }] } }, marketing), 400, ['filter.any.0.field'])
    }
  })

  it('updates a filter with version checks', async () => {
    const list = json(await api.post('/api/v1/mailing-lists', { name: 'seg', kind: 'dynamic', filter: { all: [{ field: 'customer.status', op: 'eq', value: 'active' }] } }, marketing))
    const updated = json(await api.patch(`/api/v1/mailing-lists/${list.id}`, { filter: { any: [{ field: 'customer.status', op: 'eq', value: 'prospect' }] }, version: 1 }, marketing))
    expect(updated).toMatchObject({ version: 2, filter: { any: [{ field: 'customer.status', op: 'eq', value: 'prospect' }] } })
    const stale = expectProblem(await api.patch(`/api/v1/mailing-lists/${list.id}`, { name: 'n', version: 1 }, marketing), 409)
    expect(stale.current.version).toBe(2)
  })
})

describe('writing a segment against exported data', () => {
  it('finds 苏州市 by "contains" and "starts with" where "equals 苏州" finds nothing, and suggests the values the data holds', async () => {
    const suzhou = await insertCustomer(t.db, { name: '苏州园林设计' })
    await setAddress(suzhou.id, { city: '苏州市', region: '江苏省' })
    const sip = await insertCustomer(t.db, { name: '苏州工业园区服务中心' })
    await setAddress(sip.id, { city: '苏州工业园区', region: '江苏省' })
    const gusu = await insertCustomer(t.db, { name: '姑苏茶社' })
    await setAddress(gusu.id, { city: '姑苏州城', region: '江苏省' })
    const gone = await insertCustomer(t.db, { name: '已删除的苏州客户' })
    await setAddress(gone.id, { city: '苏州旧城' })
    await t.db.updateTable('customers').set({ deletedAt: new Date() }).where('id', '=', gone.id).execute()
    const count = async (op: string, value: string) =>
      json(await api.post('/api/v1/mailing-lists/preview', { filter: { all: [{ field: 'customer.city', op, value }] } }, marketing)).count

    expect(await count('eq', '苏州')).toBe(0)
    expect(await count('contains', '苏州')).toBe(3)
    expect(await count('starts_with', '苏州')).toBe(2)
    expect(await count('starts_with', '100%')).toBe(0) // a wildcard is a character, not a pattern

    const values = (field: string, q: string, who = marketing) => api.get(`/api/v1/mailing-lists/values?field=${field}&q=${encodeURIComponent(q)}`, who)
    // Prefixes first, then shorter; deleted customers' values are not offered.
    expect(json(await values('customer.city', '苏州')).items).toEqual(['苏州市', '苏州工业园区', '姑苏州城'])
    expect(json(await values('customer.region', '江苏')).items).toEqual(['江苏省'])
    expectProblem(await values('customer.status', ''), 400, ['field'])
    expectProblem(await values('customer.nope', ''), 400, ['field'])
    expectProblem(await api.get('/api/v1/mailing-lists/values', marketing), 400, ['field'])
    expectProblem(await values('customer.city', '苏', manager), 403)
  })
})
