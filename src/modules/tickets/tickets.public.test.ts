import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertContact, insertCustomer, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'

/** The customer service form: anonymous, rate-limited per address, honeypot, matched to a known customer. */
let t: TestApp
let support: AuthHeaders
let agentId: string
let ipSeq = 1

beforeAll(async () => {
  t = await createTestApp()
  agentId = (await insertUser(t.db, { role: 'support' })).id
  support = await sessionFor(t, agentId)
})
afterAll(() => t.close())

const nextIp = () => `198.51.100.${ipSeq++}`
const submit = (payload: object, ip = nextIp(), headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/tickets', remoteAddress: ip, payload, headers })
const form = (over: object = {}) => ({ subject: '收到的货物有破损', description: '外包装完好，里面的杯子碎了两个', contactName: '周先生', contactEmail: 'zhou@example.cn', ...over })
const byNumber = (number: string) => t.db.selectFrom('tickets').selectAll().where('number', '=', number).executeTakeFirst()

describe('POST /public/tickets', () => {
  it('stores a web ticket with SLA deadlines and answers with its number; the audit row has no actor', async () => {
    const res = await submit(form({ type: 'after_sales', expectedResolution: '补发两个杯子', contactPhone: '021 6666 8888' }), undefined, { origin: 'https://shop.example.cn', 'user-agent': 'Mozilla/5.0 test' })
    expect(res.statusCode, res.body).toBe(201)
    const { number } = json(res)
    expect(number).toMatch(/^T-\d{6}$/)
    expect(res.headers['access-control-allow-origin']).toBe('*')
    const row = await byNumber(number)
    expect(row).toMatchObject({
      type: 'after_sales', channel: 'web', priority: 'normal', status: 'new', contactName: '周先生', contactEmail: 'zhou@example.cn',
      contactPhone: '+862166668888', expectedResolution: '补发两个杯子', customerId: null, createdBy: null,
    })
    expect(row!.firstResponseDueAt).not.toBeNull()
    expect(row!.meta).toMatchObject({ form: { origin: 'https://shop.example.cn', userAgent: 'Mozilla/5.0 test' } })
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entityId', '=', row!.id).execute()
    expect(audit).toEqual([expect.objectContaining({ action: 'create', entity: 'ticket', actorId: null })])
    // Agents find it in the inbox by number.
    const found = json(await t.app.inject({ method: 'GET', url: `/api/v1/tickets?q=${number}`, headers: support })).items
    expect(found.map((x: { number: string }) => x.number)).toEqual([number])
  })

  it('links the ticket to the one contact (and customer) with this e-mail; an ambiguous e-mail links nothing', async () => {
    const customer = await insertCustomer(t.db, { name: '上海明珠贸易' })
    const contact = await insertContact(t.db, customer.id, { name: '孙丽', email: 'sun.li@mingzhu.cn' })
    const one = await byNumber(json(await submit(form({ contactEmail: 'Sun.Li@MingZhu.cn' }))).number)
    expect(one).toMatchObject({ customerId: customer.id, contactId: contact.id })

    const onlyCustomer = await insertCustomer(t.db, { name: '苏州园林', email: 'info@yuanlin.cn' })
    expect(await byNumber(json(await submit(form({ contactEmail: 'info@yuanlin.cn' }))).number)).toMatchObject({ customerId: onlyCustomer.id, contactId: null })

    const a = await insertCustomer(t.db)
    const b = await insertCustomer(t.db)
    await insertContact(t.db, a.id, { email: 'shared@example.cn' })
    await insertContact(t.db, b.id, { email: 'shared@example.cn' })
    expect(await byNumber(json(await submit(form({ contactEmail: 'shared@example.cn' }))).number)).toMatchObject({ customerId: null, contactId: null })
  })

  it('a filled honeypot is answered with a number like a real one (same form, same run) but stores nothing', async () => {
    const seq = (n: string) => Number(n.slice(2))
    const real1 = json(await submit(form())).number
    const before = (await t.db.selectFrom('tickets').select('id').execute()).length
    const res = await submit(form({ website2: 'http://spam.example' }))
    expect(res.statusCode).toBe(201)
    const fake = json(res).number
    expect(fake).toMatch(/^T-\d{6}$/)
    expect((await t.db.selectFrom('tickets').select('id').execute()).length).toBe(before)
    const real2 = json(await submit(form())).number
    // Between two real tickets, as a real one filed then would be.
    expect([seq(real1) < seq(fake), seq(fake) < seq(real2)]).toEqual([true, true])
    expect(await byNumber(fake)).toBeUndefined()
  })

  it('refuses bad forms with field errors and stores nothing', async () => {
    const before = (await t.db.selectFrom('tickets').select('id').execute()).length
    expectProblem(await submit({ subject: '', description: '', contactName: '' }), 400, ['subject', 'description', 'contactName', 'contactEmail'])
    expectProblem(await submit(form({ contactEmail: 'not-mail' })), 400, ['contactEmail'])
    expectProblem(await submit(form({ priority: 'urgent' })), 400, ['priority'])
    expectProblem(await submit(form({ assigneeId: agentId })), 400, ['assigneeId'])
    expectProblem(await submit(form({ type: 'refund' })), 400, ['type'])
    expectProblem(await submit(form({ contactPhone: 'call me' })), 400, ['contactPhone'])
    expect((await t.db.selectFrom('tickets').select('id').execute()).length).toBe(before)
  })

  it('a phone number alone is enough to be answered', async () => {
    const res = await submit(form({ contactEmail: undefined, contactPhone: '+86 139 0000 1111' }))
    expect(res.statusCode, res.body).toBe(201)
  })

  it('holds the rate limit per address: the 21st submission within a minute is a 429, and nothing of it is stored', async () => {
    const ip = nextIp()
    for (let i = 0; i < 20; i++) expect((await submit(form({ subject: `burst ${i}` }), ip)).statusCode).toBe(201)
    expectProblem(await submit(form({ subject: 'burst 20' }), ip), 429)
    expect(await t.db.selectFrom('tickets').select('id').where('subject', '=', 'burst 20').execute()).toEqual([])
    expect((await submit(form({ subject: 'another address' }))).statusCode).toBe(201)
  })

  it('under a simultaneous flood from one address the limit holds, and the legitimate submissions of others all get through', async () => {
    const flooder = nextIp()
    const before = (await t.db.selectFrom('tickets').select('id').execute()).length
    const [flood, customers] = await Promise.all([
      Promise.all(Array.from({ length: 60 }, (_, i) => submit(form({ subject: `flood ${i}` }), flooder))),
      Promise.all(Array.from({ length: 20 }, (_, i) => submit(form({ subject: `customer ${i}` })))),
    ])
    const accepted = flood.filter((r) => r.statusCode === 201)
    expect(accepted.length).toBeLessThanOrEqual(20)
    for (const r of flood.filter((x) => x.statusCode !== 201)) expectProblem(r, 429)
    expect(customers.map((r) => r.statusCode)).toEqual(Array(20).fill(201))
    const numbers = [...accepted, ...customers].map((r) => json(r).number)
    expect(new Set(numbers).size).toBe(numbers.length)
    // Every 201 was stored, nothing else.
    expect((await t.db.selectFrom('tickets').select('id').execute()).length).toBe(before + numbers.length)
  })

  it('deals web tickets to the support pool by the assignment rules', async () => {
    const put = await t.app.inject({
      method: 'PUT', url: '/api/v1/ticket-assignment-rules', headers: await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id),
      payload: { items: [{ name: 'web', assigneeIds: [agentId] }] },
    })
    expect(put.statusCode, put.body).toBe(200)
    expect(await byNumber(json(await submit(form())).number)).toMatchObject({ assigneeId: agentId })
  })
})
