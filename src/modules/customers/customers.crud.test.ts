import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertUser } from '../../test/factories'

let t: TestApp
let admin: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
})
afterAll(() => t.close())

const post = (url: string, payload: unknown, headers: AuthHeaders = admin) => t.app.inject({ method: 'POST', url, payload: payload as object, headers })
const patch = (url: string, payload: unknown, headers: AuthHeaders = admin) => t.app.inject({ method: 'PATCH', url, payload: payload as object, headers })
const get = (url: string, headers: AuthHeaders = admin) => t.app.inject({ method: 'GET', url, headers })

describe('customers CRUD', () => {
  it('creates with E.164 phone, lower-cased e-mail, Location header and an audit row', async () => {
    const res = await post('/api/v1/customers', { name: '  上海明辉科技有限公司 ', phone: '138 1234 5678', email: 'Info@MingHui.CN', tags: ['vip', 'vip'] })
    expect(res.statusCode).toBe(201)
    const c = json(res)
    expect(res.headers.location).toBe(`/api/v1/customers/${c.id}`)
    expect(c).toMatchObject({ name: '上海明辉科技有限公司', phone: '+8613812345678', email: 'info@minghui.cn', tags: ['vip'], version: 1, status: 'prospect' })
    const history = json(await get(`/api/v1/customers/${c.id}/history`))
    expect(history.items).toHaveLength(1)
    expect(history.items[0]).toMatchObject({ action: 'create', entity: 'customer', entityId: c.id })
  })

  it('refuses bad input field by field', async () => {
    const res = await post('/api/v1/customers', { name: '', email: 'nope', phone: '12', status: 'gone', extra: 1 })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toContain('application/problem+json')
    const paths = json(res).errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['name', 'email', 'status']))
  })

  it('updates with a version check and records before/after', async () => {
    const c = json(await post('/api/v1/customers', { name: 'Acme' }))
    const first = await patch(`/api/v1/customers/${c.id}`, { version: 1, status: 'active', industry: '制造业' })
    expect(first.statusCode).toBe(200)
    expect(json(first)).toMatchObject({ version: 2, status: 'active', industry: '制造业' })
    const stale = await patch(`/api/v1/customers/${c.id}`, { version: 1, status: 'inactive' })
    expect(stale.statusCode).toBe(409)
    expect(json(stale).current).toMatchObject({ version: 2, status: 'active' })
    expect(json(await get(`/api/v1/customers/${c.id}`)).status).toBe('active')
    const history = json(await get(`/api/v1/customers/${c.id}/history`))
    expect(history.items[0].changes).toEqual({ status: { before: 'prospect', after: 'active' }, industry: { before: null, after: '制造业' } })
  })

  it('soft-deletes, lists in recently deleted, restores', async () => {
    const c = json(await post('/api/v1/customers', { name: 'To delete' }))
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/customers/${c.id}`, headers: admin })).statusCode).toBe(204)
    expect((await get(`/api/v1/customers/${c.id}`)).statusCode).toBe(404)
    const deleted = json(await get('/api/v1/customers?deleted=true'))
    expect(deleted.items.map((i: { id: string }) => i.id)).toContain(c.id)
    const restored = await post(`/api/v1/customers/${c.id}/restore`, undefined)
    expect(restored.statusCode).toBe(200)
    expect(json(restored).deletedAt).toBeNull()
  })

  it('finds by misspelling, Chinese substring and partial phone', async () => {
    await post('/api/v1/customers', { name: '杭州远景贸易有限公司', phone: '+86 139 8765 4321', email: 'sales@yuanjing.com' })
    await post('/api/v1/customers', { name: 'Alibaba Cloud', email: 'bd@alibaba.com' })
    const names = async (q: string) => json(await get(`/api/v1/customers?q=${encodeURIComponent(q)}`)).items.map((i: { name: string }) => i.name)
    expect(await names('远景贸易')).toContain('杭州远景贸易有限公司')
    expect(await names('杭州远景贸意')).toContain('杭州远景贸易有限公司')
    expect(await names('8765 43')).toContain('杭州远景贸易有限公司')
    expect(await names('alibabba')).toContain('Alibaba Cloud')
  })

  it('pages with keyset cursors that survive inserts', async () => {
    for (let i = 0; i < 5; i++) await post('/api/v1/customers', { name: `Page ${i}`, tags: ['paging'] })
    const first = json(await get('/api/v1/customers?tag=paging&sort=name&limit=2'))
    expect(first.items.map((i: { name: string }) => i.name)).toEqual(['Page 0', 'Page 1'])
    await post('/api/v1/customers', { name: 'Page 0a', tags: ['paging'] })
    const second = json(await get(`/api/v1/customers?tag=paging&sort=name&limit=2&cursor=${first.nextCursor}`))
    expect(second.items.map((i: { name: string }) => i.name)).toEqual(['Page 2', 'Page 3'])
  })
})

const send = (method: 'POST' | 'PATCH', url: string, payload: object) => (method === 'POST' ? post(url, payload) : patch(url, payload))
const pathsOf = (res: Awaited<ReturnType<typeof send>>) => {
  expect(res.statusCode, res.body).toBe(400)
  return (json(res).errors as { path: string }[]).map((e) => e.path).sort()
}
const BAD = { phone: '12345', website: 'not a web address', email: 'nope@' }

/**
 * A form with several bad fields gets every error in one answer. The phone was checked in the
 * service, after the body's schema: a bad website (or e-mail) hid a bad phone until it was fixed.
 */
describe('every bad field in one 400', () => {
  it('customers: create and update', async () => {
    expect(pathsOf(await send('POST', '/api/v1/customers', { name: '坏数据有限公司', ...BAD }))).toEqual(['email', 'phone', 'website'])
    expect(pathsOf(await send('POST', '/api/v1/customers', { name: '坏数据有限公司', phone: '12345', website: 'not a web address' }))).toEqual(['phone', 'website'])
    const c = json(await send('POST', '/api/v1/customers', { name: '好数据有限公司', phone: '138 1234 5678' }))
    expect(pathsOf(await send('PATCH', `/api/v1/customers/${c.id}`, { version: c.version, ...BAD }))).toEqual(['email', 'phone', 'website'])
    // Nothing was half-saved.
    expect(json(await get(`/api/v1/customers/${c.id}`))).toMatchObject({ version: 1, phone: '+8613812345678' })
  })

  it('the phone message says why, as before', async () => {
    const res = await send('POST', '/api/v1/customers', { name: 'X', phone: '12345' })
    expect(json(res).errors).toEqual([{ path: 'phone', message: expect.stringMatching(/^Not a valid phone number: "12345" is too short/) }])
  })

  it('contacts and leads', async () => {
    const c = json(await send('POST', '/api/v1/customers', { name: '联系人测试公司' }))
    expect(pathsOf(await send('POST', '/api/v1/contacts', { customerId: c.id, name: '', phone: '12345', email: 'nope@' }))).toEqual(['email', 'name', 'phone'])
    expect(pathsOf(await send('POST', '/api/v1/leads', { name: '王五', phone: '12345', email: 'nope@' }))).toEqual(['email', 'phone'])
  })
})
