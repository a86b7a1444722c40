import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'

/** The inbox list (filters, keyset pages, search) and tickets in the global search box. */
let t: TestApp
let api: ReturnType<typeof http>
let support: AuthHeaders
let marketing: AuthHeaders
let customerId: string
const made: { id: string; number: string; subject: string; type: string; priority: string; status: string }[] = []

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  support = await sessionFor(t, (await insertUser(t.db, { role: 'support' })).id)
  marketing = await sessionFor(t, (await insertUser(t.db, { role: 'marketing' })).id)
  customerId = (await insertCustomer(t.db, { name: '深圳光华电子' })).id
  const specs = [
    { subject: '退货流程咨询', type: 'inquiry', priority: 'low' },
    { subject: '屏幕有坏点', type: 'after_sales', priority: 'high', customerId },
    { subject: '客服态度差', type: 'complaint', priority: 'urgent', customerId },
    { subject: 'Invoice address change', type: 'inquiry', priority: 'normal', contactName: 'Sam Lee', contactEmail: 'sam.lee@example.com' },
    { subject: '安装指导', type: 'inquiry', priority: 'normal', contactPhone: '13812345678' },
  ]
  for (const s of specs) {
    const res = await api.post('/api/v1/tickets', { ...s, assigneeId: null }, support)
    expect(res.statusCode, res.body).toBe(201)
    made.push(json(res))
  }
  const resolved = made[0]!
  expect((await api.patch(`/api/v1/tickets/${resolved.id}`, { status: 'resolved', resolution: '已说明', version: 1 }, support)).statusCode).toBe(200)
})
afterAll(() => t.close())

const subjects = async (query: string, as = support) => {
  const res = await api.get(`/api/v1/tickets?${query}`, as)
  expect(res.statusCode, res.body).toBe(200)
  return json(res).items.map((x: { subject: string }) => x.subject) as string[]
}

describe('GET /tickets', () => {
  it('filters by status (one or several), type, priority and customer; newest first by default', async () => {
    expect(await subjects('status=resolved')).toEqual(['退货流程咨询'])
    expect(await subjects('status=new,open,pending')).toEqual(['安装指导', 'Invoice address change', '客服态度差', '屏幕有坏点'])
    expect(await subjects('type=complaint')).toEqual(['客服态度差'])
    expect(await subjects('priority=high')).toEqual(['屏幕有坏点'])
    expect(await subjects(`customerId=${customerId}`)).toEqual(['客服态度差', '屏幕有坏点'])
    expect(await subjects('sort=-priority&status=new')).toEqual(['客服态度差', '屏幕有坏点', '安装指导', 'Invoice address change'])
  })

  it('finds by number, subject, caller name, e-mail and phone fragment', async () => {
    expect(await subjects(`q=${made[2]!.number}`)).toEqual(['客服态度差'])
    expect(await subjects('q=有坏点')).toEqual(['屏幕有坏点'])
    expect(await subjects('q=sam lee')).toEqual(['Invoice address change'])
    expect(await subjects('q=sam.lee@example')).toEqual(['Invoice address change'])
    expect(await subjects('q=1234567')).toEqual(['安装指导'])
  })

  it('pages by keyset: every ticket once, in order, at any page size', async () => {
    for (const sort of ['-createdAt', 'dueAt', 'priority', '-updatedAt']) {
      const all = (await subjects(`sort=${sort}&limit=200`))
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const res = await api.get(`/api/v1/tickets?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, support)
        const body = json(res)
        seen.push(...body.items.map((x: { subject: string }) => x.subject))
        cursor = body.nextCursor
      } while (cursor)
      expect(seen).toEqual(all)
    }
  })

  it('refuses bad filters, sorts and cursors with a 400 naming them', async () => {
    expectProblem(await api.get('/api/v1/tickets?status=new,done', support), 400, ['status'])
    expectProblem(await api.get('/api/v1/tickets?assigneeId=someone', support), 400, ['assigneeId'])
    expectProblem(await api.get('/api/v1/tickets?breach=late', support), 400, ['breach'])
    expectProblem(await api.get('/api/v1/tickets?sort=subject', support), 400, ['sort'])
    expectProblem(await api.get('/api/v1/tickets?cursor=nonsense', support), 400, ['cursor'])
    expectProblem(await api.get('/api/v1/tickets?bogus=1', support), 400)
  })

  it('lists nothing to marketing', async () => {
    expect(await subjects('limit=200', marketing)).toEqual([])
  })
})

describe('global search', () => {
  it('finds tickets by number and subject for those who may see them', async () => {
    const res = await api.get(`/api/v1/search?q=${encodeURIComponent(made[1]!.number)}`, support)
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res).items).toContainEqual({ kind: 'ticket', id: made[1]!.id, title: `${made[1]!.number} 屏幕有坏点`, subtitle: '深圳光华电子 · new' })
    const bySubject = json(await api.get(`/api/v1/search?q=${encodeURIComponent('客服态度')}`, support)).items
    expect(bySubject.filter((h: { kind: string }) => h.kind === 'ticket').map((h: { id: string }) => h.id)).toEqual([made[2]!.id])
    const hidden = json(await api.get(`/api/v1/search?q=${encodeURIComponent('客服态度')}`, marketing)).items
    expect(hidden.filter((h: { kind: string }) => h.kind === 'ticket')).toEqual([])
  })
})
