import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertActivity, insertLead, insertTeam, insertUser } from '../../test/factories'
import { testEngine } from '../../test/test-engine'

/** Locking and races: PostgreSQL only (PGlite has a single connection, so nothing runs at once). */
describe.skipIf(testEngine !== 'postgres')('leads under concurrency (PostgreSQL)', () => {
  let t: TestApp
  let admin: AuthHeaders
  let sales: AuthHeaders
  let salesId: string
  let teamId: string

  beforeAll(async () => {
    t = await createTestApp()
    teamId = (await insertTeam(t.db)).id
    admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    salesId = (await insertUser(t.db, { role: 'sales', teamId })).id
    sales = await sessionFor(t, salesId)
  })
  afterAll(() => t?.close())

  const convert = (id: string, as: AuthHeaders) => t.app.inject({ method: 'POST', url: `/api/v1/leads/${id}/convert`, headers: as, payload: {} })

  it('two simultaneous conversions of one lead: one 200, one 409, and one customer, contact and deal', async () => {
    for (let round = 0; round < 5; round++) {
      const lead = await insertLead(t.db, { name: `Race ${round}`, company: `Race Co ${round}`, email: `race-${round}@example.com`, ownerId: salesId })
      await insertActivity(t.db, { leadId: lead.id, ownerId: salesId })
      const results = await Promise.all([convert(lead.id, sales), convert(lead.id, admin)])
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
      expect(json(results.find((r) => r.statusCode === 409)!).code).toBe('LEAD_ALREADY_CONVERTED')
      const winner = json(results.find((r) => r.statusCode === 200)!)
      expect(await t.db.selectFrom('customers').select('id').where('name', '=', `Race Co ${round}`).execute()).toEqual([{ id: winner.customer.id }])
      expect(await t.db.selectFrom('contacts').select('id').where('email', '=', `race-${round}@example.com`).execute()).toEqual([{ id: winner.contact.id }])
      expect(await t.db.selectFrom('opportunities').select('id').where('leadId', '=', lead.id).execute()).toEqual([{ id: winner.opportunity.id }])
      expect(await t.db.selectFrom('auditLog').select('id').where('entityId', '=', lead.id).where('action', '=', 'convert').execute()).toHaveLength(1)
      expect(await t.db.selectFrom('leads').select(['status', 'convertedCustomerId']).where('id', '=', lead.id).executeTakeFirstOrThrow())
        .toEqual({ status: 'converted', convertedCustomerId: winner.customer.id })
    }
  })

  it('simultaneous web-form submissions are dealt fairly: 35 at once over 7 reps give each 5', async () => {
    const team = (await insertTeam(t.db)).id
    const reps = []
    for (let i = 0; i < 7; i++) reps.push(await insertUser(t.db, { role: 'sales', teamId: team }))
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/lead-routing', headers: admin, payload: { enabled: true, teamId: team } })).statusCode).toBe(200)
    const results = await Promise.all(
      Array.from({ length: 35 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/api/v1/public/leads', remoteAddress: `198.51.100.${i + 1}`, payload: { name: `Concurrent ${i}` } })),
    )
    expect(results.every((r) => r.statusCode === 201)).toBe(true)
    const rows = await t.db.selectFrom('leads').select('ownerId').where('name', 'like', 'Concurrent %').execute()
    const per = new Map<string, number>()
    for (const r of rows) per.set(r.ownerId!, (per.get(r.ownerId!) ?? 0) + 1)
    expect([...per.values()]).toEqual([5, 5, 5, 5, 5, 5, 5])
    await t.app.inject({ method: 'PUT', url: '/api/v1/lead-routing', headers: admin, payload: { enabled: false, teamId: null } })
  })

  it('overlapping bulk assignments in opposite order do not deadlock; the last one wins for every lead', async () => {
    const a = await insertUser(t.db, { role: 'sales', teamId })
    const b = await insertUser(t.db, { role: 'sales', teamId })
    const leads = await Promise.all(Array.from({ length: 20 }, () => insertLead(t.db, { ownerId: salesId })))
    const idsOf = leads.map((l) => l.id)
    const results = await Promise.all([
      t.app.inject({ method: 'POST', url: '/api/v1/leads/assign', headers: admin, payload: { ids: idsOf, ownerId: a.id } }),
      t.app.inject({ method: 'POST', url: '/api/v1/leads/assign', headers: admin, payload: { ids: [...idsOf].reverse(), ownerId: b.id } }),
    ])
    expect(results.map((r) => r.statusCode)).toEqual([200, 200])
    const owners = new Set((await t.db.selectFrom('leads').select('ownerId').where('id', 'in', idsOf).execute()).map((r) => r.ownerId))
    expect(owners.size).toBe(1)
  })
})
