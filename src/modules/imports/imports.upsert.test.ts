import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertOpportunity, insertTeam, insertUser } from '../../test/factories'
import { importApi } from './imports.test-support'

let t: TestApp
let api: ReturnType<typeof importApi>
let manager: AuthHeaders
let managerId: string
let teamId: string

beforeAll(async () => {
  t = await createTestApp()
  api = importApi(t)
  teamId = (await insertTeam(t.db)).id
  managerId = (await insertUser(t.db, { role: 'manager', teamId })).id
  manager = await sessionFor(t, managerId)
})
afterAll(() => t.close())

const analyze = async (entity: string, csv: string) => (await api.analyze(manager, entity, { name: 'u.csv', data: Buffer.from(csv) })).json()
const customer = (id: string) => t.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('upsert merges rows into their match and into each other', () => {
  it('updates the match with the filled cells of every row that names it, merges repeats, and counts it all in the dry run', async () => {
    const up = await insertCustomer(t.db, { name: 'Up Co', email: 'up@x.cn', industry: 'retail', company: 'Up Ltd', ownerId: managerId, teamId })
    const same = await insertCustomer(t.db, { name: 'Same Co', email: 'same@x.cn', industry: 'retail', ownerId: managerId, teamId })
    const csv = [
      'name,email,industry,company',
      'Up Co,up@x.cn,manufacturing,',
      'Up Co,UP@x.cn,,Up Group',
      'New One,new1@x.cn,tech,',
      'New One,new1@x.cn,,Acme',
      'Same Co,same@x.cn,,',
    ].join('\n')
    const options = { entity: 'customers', mode: 'upsert', dedupeBy: 'email' }
    const dry = await api.run(manager, (await analyze('customers', csv)).id, { ...options, dryRun: true })
    expect(dry).toMatchObject({ status: 'dry_run_done', counts: { created: 1, updated: 1, unchanged: 1, merged: 2, skipped: 0, invalid: 0 } })
    expect((await customer(up.id)).version).toBe(1)

    const run = await api.run(manager, (await analyze('customers', csv)).id, options)
    expect(run).toMatchObject({ status: 'completed', counts: { created: 1, updated: 1, unchanged: 1, merged: 2, invalid: 0 }, rowErrors: [] })
    // Blank cells keep what was there; both rows' values land in one update.
    expect(await customer(up.id)).toMatchObject({ name: 'Up Co', industry: 'manufacturing', company: 'Up Group', version: 2 })
    expect(await customer(same.id)).toMatchObject({ industry: 'retail', version: 1 })
    const created = await t.db.selectFrom('customers').selectAll().where('email', '=', 'new1@x.cn').execute()
    expect(created.map((c) => [c.name, c.industry, c.company])).toEqual([['New One', 'tech', 'Acme']])
    const audit = await t.db.selectFrom('auditLog').select(['action']).where('entityId', '=', up.id).execute()
    expect(audit).toEqual([{ action: 'update' }])

    const undo = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${run.id}/undo`, headers: manager })
    expect(undo.json()).toEqual({ removed: 1, restored: 1, notUndone: [] })
    expect(await customer(up.id)).toMatchObject({ industry: 'retail', company: 'Up Ltd' })
  })

  it('a deal’s blank amount, probability and currency are not reset to the defaults a new deal gets', async () => {
    const c = await insertCustomer(t.db, { name: 'Deal Owner Co', ownerId: managerId, teamId })
    const deal = await insertOpportunity(t.db, c.id, { name: 'Big Deal', amount: '50000.00', currency: 'USD', probability: 70 })
    const s = await api.run(manager, (await analyze('opportunities', 'name,customer,amount,lostReason\nBig Deal,Deal Owner Co,,none yet\n')).id, { entity: 'opportunities', mode: 'upsert', dedupeBy: 'name' })
    expect(s).toMatchObject({ status: 'completed', counts: { updated: 1, invalid: 0 } })
    const after = await t.db.selectFrom('opportunities').selectAll().where('id', '=', deal.id).executeTakeFirstOrThrow()
    expect(after).toMatchObject({ amount: '50000.00', currency: 'USD', probability: 70, lostReason: 'none yet' })
  })
})
