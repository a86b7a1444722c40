import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertContact, insertLead, insertOpportunity, insertTeam, insertUser } from '../../test/factories'
import { http } from '../../test/http'

let t: TestApp
let api: ReturnType<typeof http>
let sales: AuthHeaders
let ownId: string

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  const team = await insertTeam(t.db)
  ownId = (await insertUser(t.db, { role: 'sales', teamId: team.id })).id
  sales = await sessionFor(t, ownId)
})
afterAll(() => t.close())

const kinds = async (q: string) =>
  json(await api.get(`/api/v1/search?q=${encodeURIComponent(q)}`, sales)).items.map((h: { kind: string; title: string }) => `${h.kind}:${h.title}`)

it('finds customers, contacts, leads and deals the caller may see, and only those', async () => {
  const mine = await insertCustomer(t.db, { name: '苏州天远精密机械', ownerId: ownId })
  await insertContact(t.db, mine.id, { name: '天远 采购部 王工' })
  await insertLead(t.db, { name: '刘洋', company: '天远精密（无锡）', ownerId: ownId })
  await insertOpportunity(t.db, mine.id, { name: '天远精密 数控改造', ownerId: ownId })
  const other = await insertCustomer(t.db, { name: '天远精密 其他团队', ownerId: (await insertUser(t.db, { role: 'sales' })).id })
  await insertLead(t.db, { name: '别人的线索 天远精密' })

  const hits = await kinds('天远精密')
  expect(hits).toEqual(expect.arrayContaining(['customer:苏州天远精密机械', 'lead:刘洋', 'opportunity:天远精密 数控改造']))
  expect(hits).not.toContain(`customer:${other.name}`)
  expect(hits.some((h: string) => h.includes('别人的线索'))).toBe(false)
  expect(await kinds('天远 采购')).toContain('contact:天远 采购部 王工')
})

it('refuses an empty query with a field error', async () => {
  const res = await api.get('/api/v1/search?q=', sales)
  expect(res.statusCode).toBe(400)
  expect(json(res).errors[0].path).toBe('q')
})
