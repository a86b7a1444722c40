import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertOpportunity, insertTeam, insertUser } from '../../test/factories'
import { testEngine } from '../../test/test-engine'

/** Locking and races: PostgreSQL only (PGlite has a single connection, so nothing runs at once). */
describe.skipIf(testEngine !== 'postgres')('opportunity and pipeline races (PostgreSQL)', () => {
  let t: TestApp
  let admin: AuthHeaders
  let admin2: AuthHeaders
  let customerId: string
  let reps: { id: string }[]

  beforeAll(async () => {
    t = await createTestApp()
    admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    admin2 = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    const team = await insertTeam(t.db)
    reps = [await insertUser(t.db, { role: 'sales', teamId: team.id }), await insertUser(t.db, { role: 'sales', teamId: team.id })]
    customerId = (await insertCustomer(t.db)).id
  })
  afterAll(() => t?.close())

  const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers: AuthHeaders = admin) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })

  it('two people dragging the same card at once (same version): exactly one 200 and one 409 with the current deal', async () => {
    for (let round = 0; round < 5; round++) {
      const d = await insertOpportunity(t.db, customerId, { ownerId: reps[0]!.id, stage: 'qualification' })
      const results = await Promise.all(
        [['proposal', admin], ['negotiation', admin2]].map(([stage, who]) => inject('PATCH', `/api/v1/opportunities/${d.id}`, { version: 1, stage }, who as AuthHeaders)),
      )
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
      const winner = json(results.find((r) => r.statusCode === 200)!)
      const loser = json(results.find((r) => r.statusCode === 409)!)
      expect(loser.current).toMatchObject({ id: d.id, version: 2, stage: winner.stage, probability: winner.probability })
      const row = await t.db.selectFrom('opportunities').select(['version', 'stage']).where('id', '=', d.id).executeTakeFirstOrThrow()
      expect(row).toEqual({ version: 2, stage: winner.stage })
      expect(await t.db.selectFrom('auditLog').select('id').where('entityId', '=', d.id).execute()).toHaveLength(1)
    }
  })

  it('bulk assignments over overlapping deals in opposite orders do not deadlock', async () => {
    for (let round = 0; round < 3; round++) {
      const ids: string[] = []
      for (let i = 0; i < 6; i++) ids.push((await insertOpportunity(t.db, customerId, { ownerId: reps[0]!.id })).id)
      const results = await Promise.all([
        inject('POST', '/api/v1/opportunities/assign', { ids, ownerId: reps[1]!.id }),
        inject('POST', '/api/v1/opportunities/assign', { ids: [...ids].reverse(), ownerId: reps[0]!.id }, admin2),
      ])
      expect(results.map((r) => r.statusCode)).toEqual([200, 200])
      const owners = new Set((await t.db.selectFrom('opportunities').select('ownerId').where('id', 'in', ids).execute()).map((r) => r.ownerId))
      expect(owners.size).toBe(1) // one assignment ran wholly after the other
    }
  })

  it('a deal moving into a stage while an admin deletes it: never both', async () => {
    for (let round = 0; round < 5; round++) {
      const key = `race_${round}`
      expect((await inject('POST', '/api/v1/pipeline-stages', { key, name: `Race ${round}`, probability: 40 })).statusCode).toBe(201)
      const d = await insertOpportunity(t.db, customerId, { ownerId: reps[0]!.id })
      const [move, del] = await Promise.all([
        inject('PATCH', `/api/v1/opportunities/${d.id}`, { version: 1, stage: key }),
        inject('DELETE', `/api/v1/pipeline-stages/${key}`, undefined, admin2),
      ])
      expect([[200, 409], [400, 204]]).toContainEqual([move.statusCode, del.statusCode])
      const stage = (await t.db.selectFrom('opportunities').select('stage').where('id', '=', d.id).executeTakeFirstOrThrow()).stage
      const alive = await t.db.selectFrom('pipelineStages').select('key').where('key', '=', key).where('deletedAt', 'is', null).execute()
      expect(stage === key ? alive.length : 1).toBe(1) // a deal is never left in a deleted stage
    }
  })

  it('two admins deleting the two lost stages at once leave one', async () => {
    expect((await inject('POST', '/api/v1/pipeline-stages', { key: 'lost_other', name: '丢单（其他）', probability: 0, kind: 'lost' })).statusCode).toBe(201)
    const results = await Promise.all([inject('DELETE', '/api/v1/pipeline-stages/lost'), inject('DELETE', '/api/v1/pipeline-stages/lost_other', undefined, admin2)])
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 409])
    const lost = await t.db.selectFrom('pipelineStages').select('key').where('kind', '=', 'lost').where('deletedAt', 'is', null).execute()
    expect(lost).toHaveLength(1)
  })
})
