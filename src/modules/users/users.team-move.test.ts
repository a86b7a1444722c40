import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type TestApp } from '../../test/test-app'
import { insertActivity, insertCustomer, insertLead, insertOpportunity, insertTeam, insertUser } from '../../test/factories'
import { http } from '../../test/http'

let t: TestApp
let api: ReturnType<typeof http>

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
})
afterAll(() => t.close())

describe('a user who changes team takes what he owns with him', () => {
  it("moves his customers, leads, deals and activities to the new team in one change, audited; the old team's manager no longer sees them", async () => {
    const [north, south] = [await insertTeam(t.db), await insertTeam(t.db)]
    const rep = await insertUser(t.db, { role: 'sales', teamId: north.id })
    const teammate = await insertUser(t.db, { role: 'sales', teamId: north.id })
    const [northManager, southManager] = [await insertUser(t.db, { role: 'manager', teamId: north.id }), await insertUser(t.db, { role: 'manager', teamId: south.id })]
    const customer = await insertCustomer(t.db, { ownerId: rep.id, teamId: north.id })
    const kept = await insertCustomer(t.db, { ownerId: teammate.id, teamId: north.id })
    const deal = await insertOpportunity(t.db, customer.id)
    const lead = await insertLead(t.db, { ownerId: rep.id })
    const activity = await insertActivity(t.db, { ownerId: rep.id, customerId: kept.id })

    const admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    const res = await api.patch(`/api/v1/users/${rep.id}`, { version: 1, teamId: south.id }, admin)
    expect(res.statusCode, res.body).toBe(200)

    const teamOf = async (table: 'customers' | 'opportunities' | 'leads' | 'activities', id: string) =>
      (await t.db.selectFrom(table).select(['teamId', 'version']).where('id', '=', id).executeTakeFirstOrThrow())
    for (const [table, id] of [['customers', customer.id], ['opportunities', deal.id], ['leads', lead.id], ['activities', activity.id]] as const) {
      expect(await teamOf(table, id), table).toEqual({ teamId: south.id, version: 2 })
    }
    // A teammate's record stays with the old team, even with the mover's activity on it.
    expect((await teamOf('customers', kept.id)).teamId).toBe(north.id)

    const get = async (manager: { id: string }, path: string) => (await api.get(path, await sessionFor(t, manager.id))).statusCode
    expect(await get(northManager, `/api/v1/customers/${customer.id}`)).toBe(404)
    expect(await get(southManager, `/api/v1/customers/${customer.id}`)).toBe(200)
    expect(await get(southManager, `/api/v1/opportunities/${deal.id}`)).toBe(200)
    expect(await get(southManager, `/api/v1/leads/${lead.id}`)).toBe(200)

    const audit = await t.db.selectFrom('auditLog').select(['entity', 'entityId', 'changes']).where('entityId', 'in', [customer.id, deal.id, lead.id, activity.id]).where('action', '=', 'update').execute()
    expect(audit.map((a) => a.entity).sort()).toEqual(['activity', 'customer', 'lead', 'opportunity'])
    for (const a of audit) expect(a.changes).toEqual({ teamId: { before: north.id, after: south.id } })
    expect(json(res).teamId).toBe(south.id)
  })
})
