import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertTeam, insertUser } from '../../test/factories'
import { testEngine } from '../../test/test-engine'
import type { Res } from '../../test/http'

/** Locking and races: PostgreSQL only (PGlite has a single connection, so nothing runs at once). */
describe.skipIf(testEngine !== 'postgres')('tickets under concurrency (PostgreSQL)', () => {
  let t: TestApp
  let admin: AuthHeaders
  let manager: AuthHeaders
  let support: AuthHeaders

  beforeAll(async () => {
    t = await createTestApp()
    const team = (await insertTeam(t.db)).id
    admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    manager = await sessionFor(t, (await insertUser(t.db, { role: 'manager', teamId: team })).id)
    support = await sessionFor(t, (await insertUser(t.db, { role: 'support', teamId: team })).id)
  })
  afterAll(() => t?.close())

  const putRules = (items: object[]) => t.app.inject({ method: 'PUT', url: '/api/v1/ticket-assignment-rules', headers: admin, payload: { items } })
  const create = (subject: string) => t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: support, payload: { subject } })
  const agents = async (n: number) => Promise.all(Array.from({ length: n }, () => insertUser(t.db, { role: 'support' })))
  const tally = (results: Res[]) => {
    const counts = new Map<string, number>()
    for (const r of results) {
      expect(r.statusCode, r.body).toBe(201)
      const a = json(r).assigneeId as string
      counts.set(a, (counts.get(a) ?? 0) + 1)
    }
    return counts
  }

  it('parallel tickets are dealt round-robin exactly evenly, with unique numbers', async () => {
    const pool = await agents(4)
    expect((await putRules([{ name: 'rr', assigneeIds: pool.map((a) => a.id), strategy: 'round_robin' }])).statusCode).toBe(200)
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => create(`parallel ${i}`)))
    const counts = tally(results)
    expect([...counts.keys()].sort()).toEqual(pool.map((a) => a.id).sort())
    expect([...counts.values()]).toEqual([15, 15, 15, 15])
    expect(new Set(results.map((r) => json(r).number)).size).toBe(60)
  })

  it('parallel tickets dealt least-loaded even out the pool', async () => {
    const pool = await agents(3)
    expect((await putRules([{ name: 'll', assigneeIds: pool.map((a) => a.id), strategy: 'least_loaded' }])).statusCode).toBe(200)
    const counts = tally(await Promise.all(Array.from({ length: 30 }, (_, i) => create(`balanced ${i}`))))
    expect([...counts.values()]).toEqual([10, 10, 10])
  })

  it('two simultaneous closes of one ticket: one 200, one 409, one log entry and one audit row', async () => {
    await putRules([])
    for (let round = 0; round < 5; round++) {
      const tk = json(await create(`close race ${round}`))
      const close = (as: AuthHeaders) => t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${tk.id}`, headers: as, payload: { status: 'closed', resolution: '已处理', version: 1 } })
      const results = await Promise.all([close(support), close(manager)])
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
      const events = await t.db.selectFrom('ticketEvents').select('kind').where('ticketId', '=', tk.id).where('kind', '=', 'status').execute()
      expect(events).toHaveLength(1)
      const audit = await t.db.selectFrom('auditLog').select('id').where('entityId', '=', tk.id).where('action', '=', 'update').execute()
      expect(audit).toHaveLength(1)
    }
  })

  it('an agent reply and a customer reply at once leave a consistent ticket (both comments, status open)', async () => {
    const tk = json(await create('reply race'))
    const reply = (body: object) => t.app.inject({ method: 'POST', url: `/api/v1/tickets/${tk.id}/comments`, headers: support, payload: body })
    const results = await Promise.all([reply({ body: '我们在处理' }), reply({ body: '还没好吗', fromCustomer: true }), reply({ body: 'note', internal: true })])
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201])
    const row = await t.db.selectFrom('tickets').selectAll().where('id', '=', tk.id).executeTakeFirstOrThrow()
    expect(row.status).toBe('open')
    expect(row.firstRespondedAt).not.toBeNull()
    expect(row.lastCustomerReplyAt).not.toBeNull()
  })
})
