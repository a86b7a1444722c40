import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertContact, insertCustomer, insertTeam, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'
import { insertOrderAndProduct } from './tickets.fixtures'

let t: TestApp
let api: ReturnType<typeof http>
let support: AuthHeaders
let lead: AuthHeaders
let agent: { id: string; name: string }

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  const team = await insertTeam(t.db)
  agent = await insertUser(t.db, { role: 'support', teamId: team.id, name: '王客服' })
  support = await sessionFor(t, agent.id)
  lead = await sessionFor(t, (await insertUser(t.db, { role: 'manager', teamId: team.id })).id)
})
afterAll(() => t.close())

const create = async (body: object = {}, as = support) => {
  const res = await api.post('/api/v1/tickets', { subject: '打印机无法连接', assigneeId: null, ...body }, as)
  expect(res.statusCode, res.body).toBe(201)
  return json(res)
}
const get = async (id: string) => json((await api.get(`/api/v1/tickets/${id}`, support)))
const patch = (id: string, body: object, as = support) => api.patch(`/api/v1/tickets/${id}`, body, as)
const comment = (id: string, body: object, as = support) => api.post(`/api/v1/tickets/${id}/comments`, body, as)
const events = async (id: string) => json(await api.get(`/api/v1/tickets/${id}/events`, support)).items as { kind: string; before: unknown; after: unknown }[]

describe('recording tickets', () => {
  it('creates an inquiry with a number, SLA deadlines from its creation time, a Location, an audit row and a log entry', async () => {
    const res = await api.post('/api/v1/tickets', {
      subject: '发票抬头怎么改？', description: '客户来电询问', channel: 'phone', contactName: '李先生', contactPhone: '138 0013 8000', assigneeId: null,
    }, support)
    expect(res.statusCode, res.body).toBe(201)
    const tk = json(res)
    expect(res.headers.location).toBe(`/api/v1/tickets/${tk.id}`)
    expect(tk).toMatchObject({
      type: 'inquiry', priority: 'normal', status: 'new', channel: 'phone', contactName: '李先生', contactPhone: '+8613800138000',
      customerId: null, assigneeId: null, version: 1, firstResponseBreached: false, resolutionBreached: false,
    })
    expect(tk.number).toMatch(/^T-\d{6}$/)
    const created = Date.parse(tk.createdAt)
    expect(Date.parse(tk.firstResponseDueAt) - created).toBe(480 * 60_000)
    expect(Date.parse(tk.resolutionDueAt) - created).toBe(2880 * 60_000)
    expect(tk.nextDueAt).toBe(tk.firstResponseDueAt)
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entityId', '=', tk.id).execute()
    expect(audit).toEqual([expect.objectContaining({ action: 'create', entity: 'ticket', actorId: agent.id })])
    expect((await events(tk.id)).map((e) => e.kind)).toEqual(['created'])
  })

  it('records a complaint with the expected resolution and an after-sales request with order and product', async () => {
    const complaint = await create({ type: 'complaint', priority: 'urgent', expectedResolution: '退款并道歉' })
    expect(complaint).toMatchObject({ type: 'complaint', priority: 'urgent', expectedResolution: '退款并道歉' })
    expect(Date.parse(complaint.firstResponseDueAt) - Date.parse(complaint.createdAt)).toBe(60 * 60_000)
    const buyer = await insertCustomer(t.db, { name: '宁波家居' })
    const { orderId, productId } = await insertOrderAndProduct(t.db, buyer.id)
    // The order brings its customer.
    const afterSales = await create({ type: 'after_sales', orderId, productId })
    expect(afterSales).toMatchObject({ type: 'after_sales', orderId, productId, customerId: buyer.id })
    const other = await insertCustomer(t.db)
    expectProblem(await api.post('/api/v1/tickets', { subject: 'x', customerId: other.id, orderId }, support), 400, ['orderId'])
    expectProblem(await api.post('/api/v1/tickets', { subject: 'x', orderId: '0190a000-0000-7000-8000-0000000000aa' }, support), 400, ['orderId'])
    expectProblem(await api.post('/api/v1/tickets', { subject: 'x', productId: '0190a000-0000-7000-8000-0000000000bb' }, support), 400, ['productId'])
    // Linked later by PATCH: an unmatched ticket takes the order's customer.
    const later = await create()
    const res = await patch(later.id, { orderId, version: 1 })
    expect(json(res)).toMatchObject({ orderId, customerId: buyer.id })
  })

  it('numbers stay unique and increasing', async () => {
    const a = await create()
    const b = await create()
    expect(Number(b.number.slice(2))).toBeGreaterThan(Number(a.number.slice(2)))
  })

  it('links a customer and contact; a contact alone brings its customer; a contact of another customer is refused', async () => {
    const c1 = await insertCustomer(t.db, { name: '华东贸易' })
    const c2 = await insertCustomer(t.db)
    const p1 = await insertContact(t.db, c1.id, { name: '赵敏' })
    expect(await create({ contactId: p1.id })).toMatchObject({ customerId: c1.id, contactId: p1.id, customerName: '华东贸易' })
    expectProblem(await api.post('/api/v1/tickets', { subject: 'x', customerId: c2.id, contactId: p1.id }, support), 400, ['contactId'])
    expectProblem(await api.post('/api/v1/tickets', { subject: 'x', customerId: '0190a000-0000-7000-8000-000000000000' }, support), 400, ['customerId'])
  })

  it('refuses bad input with one error per field and stores nothing', async () => {
    const before = (await t.db.selectFrom('tickets').select('id').execute()).length
    const bad = expectProblem(await api.post('/api/v1/tickets', { subject: ' ', type: 'question', priority: 'asap', channel: 'fax', contactEmail: 'nope', bogus: 1 }, support), 400)
    expect(bad.errors!.map((e) => e.path).sort()).toEqual(expect.arrayContaining(['subject', 'type', 'priority', 'channel', 'contactEmail']))
    expectProblem(await api.post('/api/v1/tickets', { subject: 'x', contactPhone: 'abc' }, support), 400, ['contactPhone'])
    expect((await t.db.selectFrom('tickets').select('id').execute()).length).toBe(before)
  })
})

describe('the workflow', () => {
  it('new → open by the first public reply (first response), pending, customer reply → open, resolved, reopened, closed, rated', async () => {
    const tk = await create({ contactName: '陈女士' })
    // An internal note is no response to the customer.
    const note = await comment(tk.id, { body: '先查一下驱动版本', internal: true })
    expect(note.statusCode, note.body).toBe(201)
    expect(json(note)).toMatchObject({ internal: true, fromCustomer: false, authorId: agent.id, authorName: '王客服' })
    expect(await get(tk.id)).toMatchObject({ status: 'new', firstRespondedAt: null, version: 1 })

    expect((await comment(tk.id, { body: '您好，请问型号是？' })).statusCode).toBe(201)
    const answered = await get(tk.id)
    expect(answered).toMatchObject({ status: 'open', version: 2 })
    expect(answered.firstRespondedAt).not.toBeNull()

    let res = await patch(tk.id, { status: 'pending', version: 2 })
    expect(res.statusCode, res.body).toBe(200)
    const reply = await comment(tk.id, { body: '型号是 HP 1020', fromCustomer: true })
    expect(json(reply)).toMatchObject({ fromCustomer: true, authorId: null, authorName: '陈女士' })
    const back = await get(tk.id)
    expect(back.status).toBe('open')
    expect(back.lastCustomerReplyAt).not.toBeNull()
    // A second agent reply does not move the first response.
    await comment(tk.id, { body: '请重装驱动' })
    expect((await get(tk.id)).firstRespondedAt).toBe(answered.firstRespondedAt)

    const v = (await get(tk.id)).version
    expectProblem(await patch(tk.id, { status: 'resolved', version: v }), 400, ['resolution'])
    expect((await get(tk.id)).version).toBe(v)
    expectProblem(await patch(tk.id, { satisfaction: 5, version: v }), 400, ['satisfaction'])
    res = await patch(tk.id, { status: 'resolved', resolution: '重装驱动后恢复', version: v })
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res)).toMatchObject({ status: 'resolved', resolution: '重装驱动后恢复', version: v + 1 })
    expect(json(res).resolvedAt).not.toBeNull()

    // The agent cannot rate for the customer; the customer's own rating (the survey's path) stands.
    const refused = expectProblem(await patch(tk.id, { satisfaction: 4, version: v + 1 }), 400, ['satisfaction'])
    expect(refused.detail).toMatch(/customer's own/)
    await t.services.tickets.importRating(tk.id, 4, null, { requestId: 'test' })
    expect(await get(tk.id)).toMatchObject({ satisfaction: 4 })
    // The customer writes again: reopened, the old rating no longer applies.
    await comment(tk.id, { body: '又不行了', fromCustomer: true })
    const reopened = await get(tk.id)
    expect(reopened).toMatchObject({ status: 'open', resolvedAt: null, satisfaction: null })

    res = await patch(tk.id, { status: 'closed', version: reopened.version })
    expect(json(res)).toMatchObject({ status: 'closed' })
    expect(json(res).closedAt).not.toBeNull()
    const closed = json(res)
    expect(expectProblem(await patch(tk.id, { status: 'closed', version: closed.version }), 409).code).toBe('TICKET_CLOSED')
    expectProblem(await patch(tk.id, { subject: 'changed', version: closed.version }), 409)
    // Closed is final: a new problem is a new ticket.
    expectProblem(await patch(tk.id, { status: 'open', version: closed.version }), 409)
    expectProblem(await comment(tk.id, { body: '还在吗', fromCustomer: true }), 409)
    expect((await comment(tk.id, { body: '已电话回访', internal: true })).statusCode).toBe(201)
    expectProblem(await patch(tk.id, { satisfaction: 5, satisfactionComment: '很满意', version: closed.version }), 400, ['satisfaction', 'satisfactionComment'])
    await t.services.tickets.importRating(tk.id, 5, '很满意', { requestId: 'test' })
    expect(await get(tk.id)).toMatchObject({ satisfaction: 5, satisfactionComment: '很满意', status: 'closed' })

    expect((await events(tk.id)).filter((e) => e.kind === 'status').map((e) => [e.before, e.after])).toEqual([
      ['new', 'open'], ['open', 'pending'], ['pending', 'open'], ['open', 'resolved'], ['resolved', 'open'], ['open', 'closed'],
    ])
    const comments = json(await api.get(`/api/v1/tickets/${tk.id}/comments`, support)).items
    expect(comments.map((c: { body: string }) => c.body)).toEqual(['先查一下驱动版本', '您好，请问型号是？', '型号是 HP 1020', '请重装驱动', '又不行了', '已电话回访'])
  })

  it('any satisfaction from an agent is a 400 (the survey is the only way in); an internal note cannot come from the customer', async () => {
    const tk = await create()
    await patch(tk.id, { status: 'resolved', resolution: 'done', version: 1 })
    for (const s of [0, 6, 2.5, 5, null]) expectProblem(await patch(tk.id, { satisfaction: s, version: 2 }), 400, ['satisfaction'])
    expect((await get(tk.id)).version).toBe(2)
    expectProblem(await comment(tk.id, { body: 'x', internal: true, fromCustomer: true }), 400, ['fromCustomer'])
    expectProblem(await comment(tk.id, { body: '' }), 400, ['body'])
  })

  it('a stale version is a 409 with the current ticket', async () => {
    const tk = await create()
    expect((await patch(tk.id, { priority: 'high', version: 1 })).statusCode).toBe(200)
    const stale = expectProblem(await patch(tk.id, { priority: 'low', version: 1 }), 409)
    expect(stale.current).toMatchObject({ id: tk.id, priority: 'high', version: 2 })
  })

  it('a priority change moves the deadlines, counted from the creation time', async () => {
    const tk = await create({ priority: 'low' })
    const res = json(await patch(tk.id, { priority: 'urgent', version: 1 }))
    expect(Date.parse(res.firstResponseDueAt) - Date.parse(tk.createdAt)).toBe(60 * 60_000)
    expect(Date.parse(res.resolutionDueAt) - Date.parse(tk.createdAt)).toBe(240 * 60_000)
    expect((await events(tk.id)).find((e) => e.kind === 'priority')).toMatchObject({ before: 'low', after: 'urgent' })
  })

  it('an unknown caller is matched to a customer later, logged; a manager only to customers he may see', async () => {
    const tk = await create({ contactName: '匿名来电', contactPhone: '13900139000' })
    const customer = await insertCustomer(t.db, { name: '西湖科技' })
    const res = await patch(tk.id, { customerId: customer.id, version: 1 })
    expect(json(res)).toMatchObject({ customerId: customer.id, customerName: '西湖科技', contactName: '匿名来电' })
    expect((await events(tk.id)).find((e) => e.kind === 'customer')).toMatchObject({ after: { customerId: customer.id, contactId: null } })
    const other = await create()
    expectProblem(await patch(other.id, { customerId: customer.id, version: 1 }, lead), 400, ['customerId'])
  })

  it('the resolution cannot be removed from a resolved ticket', async () => {
    const tk = await create()
    await patch(tk.id, { status: 'resolved', resolution: 'ok', version: 1 })
    expectProblem(await patch(tk.id, { resolution: null, version: 2 }), 400, ['resolution'])
  })
})
