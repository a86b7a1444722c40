import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertOpportunity, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'

let t: TestApp
let api: ReturnType<typeof http>
const ROLES = ['admin', 'manager', 'sales', 'support', 'marketing'] as const
const as = {} as Record<(typeof ROLES)[number], AuthHeaders>
let customerId: string
let seededIds: string[]

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  for (const role of ROLES) as[role] = await sessionFor(t, (await insertUser(t.db, { role })).id)
  customerId = (await insertCustomer(t.db)).id
  seededIds = (await t.db.selectFrom('pipelineStages').select('id').execute()).map((r) => r.id)
})
afterAll(() => t.close())

const DEFAULTS = [
  { key: 'qualification', name: '初步接触', nameEn: 'Qualification', probability: 10, kind: 'open', position: 1 },
  { key: 'needs_analysis', name: '需求分析', nameEn: 'Needs analysis', probability: 30, kind: 'open', position: 2 },
  { key: 'proposal', name: '报价', nameEn: 'Proposal', probability: 60, kind: 'open', position: 3 },
  { key: 'negotiation', name: '谈判', nameEn: 'Negotiation', probability: 80, kind: 'open', position: 4 },
  { key: 'won', name: '成交', nameEn: 'Won', probability: 100, kind: 'won', position: 5 },
  { key: 'lost', name: '丢单', nameEn: 'Lost', probability: 0, kind: 'lost', position: 6 },
]

const list = async () => json(await api.get('/api/v1/pipeline-stages', as.sales)).items as { key: string; position: number; version: number; kind: string }[]
const keys = async () => (await list()).map((s) => s.key)
const stageRows = () => t.db.selectFrom('pipelineStages').selectAll().orderBy('position').execute()

/** Each test starts from the default pipeline (the migration's seed). */
beforeEach(async () => {
  await t.db.deleteFrom('opportunities').execute()
  await t.db.deleteFrom('pipelineStages').where('id', 'not in', seededIds).execute()
  await t.db.updateTable('pipelineStages').set({ deletedAt: null }).execute()
  for (const d of DEFAULTS) await t.db.updateTable('pipelineStages').set({ name: d.name, nameEn: d.nameEn, probability: d.probability, kind: d.kind as 'open', position: d.position, version: 1 }).where('key', '=', d.key).execute()
})

describe('the default pipeline', () => {
  it.each(ROLES)('%s reads it, in order, with Chinese and English names', async (role) => {
    const res = await api.get('/api/v1/pipeline-stages', as[role])
    expect(res.statusCode).toBe(200)
    expect(json(res).items).toEqual(DEFAULTS.map((d) => ({ ...d, id: expect.any(String), version: expect.any(Number), createdAt: expect.any(String), updatedAt: expect.any(String), createdBy: null })))
    expect((await api.get('/api/v1/pipeline-stages/won', as[role])).statusCode).toBe(200)
  })

  it('anonymous → 401', async () => {
    expectProblem(await api.get('/api/v1/pipeline-stages'), 401)
  })
})

describe('who may change the pipeline', () => {
  const writes: [string, (role: (typeof ROLES)[number]) => ReturnType<typeof api.get>][] = [
    ['POST', (role) => api.post('/api/v1/pipeline-stages', { key: `new_${role}`, name: 'New', probability: 50 }, as[role])],
    ['PATCH', (role) => api.patch('/api/v1/pipeline-stages/proposal', { version: 1, name: `报价 ${role}` }, as[role])],
    ['DELETE', (role) => api.del('/api/v1/pipeline-stages/needs_analysis', as[role])],
    ['POST reorder', (role) => api.post('/api/v1/pipeline-stages/reorder', { keys: ['needs_analysis', 'qualification', 'proposal', 'negotiation', 'won', 'lost'] }, as[role])],
  ]
  const expected: Record<string, Record<(typeof ROLES)[number], number>> = {
    POST: { admin: 201, manager: 403, sales: 403, support: 403, marketing: 403 },
    PATCH: { admin: 200, manager: 403, sales: 403, support: 403, marketing: 403 },
    DELETE: { admin: 204, manager: 403, sales: 403, support: 403, marketing: 403 },
    'POST reorder': { admin: 200, manager: 403, sales: 403, support: 403, marketing: 403 },
  }
  for (const [label, call] of writes) {
    for (const role of ROLES) {
      it(`${label} as ${role} → ${expected[label]![role]}`, async () => {
        const before = JSON.stringify(await stageRows())
        const res = await call(role)
        expect(res.statusCode, res.body).toBe(expected[label]![role])
        if (res.statusCode === 403) expect(JSON.stringify(await stageRows())).toBe(before)
      })
    }
  }
})

describe('admin rules', () => {
  it('creates a stage after the last one, or at a position (the others move down), with an audit row', async () => {
    const res = await api.post('/api/v1/pipeline-stages', { key: 'contract', name: '签约', nameEn: 'Contract', probability: 90 }, as.admin)
    expect(res.statusCode).toBe(201)
    expect(res.headers.location).toBe('/api/v1/pipeline-stages/contract')
    expect(json(res)).toMatchObject({ key: 'contract', kind: 'open', position: 7, version: 1 })
    const demo = json(await api.post('/api/v1/pipeline-stages', { key: 'demo', name: '演示', probability: 20, position: 2 }, as.admin))
    expect(demo.position).toBe(2)
    expect(await keys()).toEqual(['qualification', 'demo', 'needs_analysis', 'proposal', 'negotiation', 'won', 'lost', 'contract'])
    expect((await list()).map((s) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    const audit = await t.db.selectFrom('auditLog').select(['action', 'changes']).where('entity', '=', 'pipeline_stage').where('entityId', '=', demo.id).execute()
    expect(audit).toEqual([{ action: 'create', changes: expect.objectContaining({ key: { before: null, after: 'demo' } }) }])
  })

  it('refuses a taken key, a bad key, a second won stage', async () => {
    expectProblem(await api.post('/api/v1/pipeline-stages', { key: 'proposal', name: 'x', probability: 1 }, as.admin), 409)
    expectProblem(await api.post('/api/v1/pipeline-stages', { key: 'Bad Key', name: 'x', probability: 1 }, as.admin), 400, ['key'])
    expectProblem(await api.post('/api/v1/pipeline-stages', { key: 'x', name: '', probability: 120, kind: 'maybe' }, as.admin), 400, ['key', 'name', 'probability', 'kind'])
    expect(expectProblem(await api.post('/api/v1/pipeline-stages', { key: 'won_again', name: '再次成交', probability: 100, kind: 'won' }, as.admin), 409).code).toBe('STAGE_KIND_CONFLICT')
    expect(await keys()).toEqual(DEFAULTS.map((d) => d.key))
  })

  it('updates with a version check, moves a stage, keeps exactly one won stage', async () => {
    const updated = json(await api.patch('/api/v1/pipeline-stages/proposal', { version: 1, name: '方案报价', probability: 65 }, as.admin))
    expect(updated).toMatchObject({ name: '方案报价', probability: 65, version: 2, position: 3 })
    const stale = expectProblem(await api.patch('/api/v1/pipeline-stages/proposal', { version: 1, name: 'stale' }, as.admin), 409)
    expect(stale.current).toMatchObject({ key: 'proposal', version: 2, name: '方案报价' })
    const moved = json(await api.patch('/api/v1/pipeline-stages/proposal', { version: 2, position: 1 }, as.admin))
    expect(moved).toMatchObject({ position: 1, version: 3 })
    expect(await keys()).toEqual(['proposal', 'qualification', 'needs_analysis', 'negotiation', 'won', 'lost'])
    expect((await list()).map((s) => s.position)).toEqual([1, 2, 3, 4, 5, 6])
    const down = json(await api.patch('/api/v1/pipeline-stages/proposal', { version: 3, position: 4 }, as.admin))
    expect(down.position).toBe(4)
    expect(await keys()).toEqual(['qualification', 'needs_analysis', 'negotiation', 'proposal', 'won', 'lost'])
    expect(expectProblem(await api.patch('/api/v1/pipeline-stages/won', { version: 1, kind: 'open' }, as.admin), 409).code).toBe('STAGE_KIND_CONFLICT')
    expect(expectProblem(await api.patch('/api/v1/pipeline-stages/negotiation', { version: 2, kind: 'won' }, as.admin), 409).code).toBe('STAGE_KIND_CONFLICT')
    expect(json(await api.patch('/api/v1/pipeline-stages/negotiation', { version: 2, kind: 'lost' }, as.admin)).kind).toBe('lost')
    expectProblem(await api.patch('/api/v1/pipeline-stages/nirvana', { version: 1, name: 'x' }, as.admin), 404)
    expectProblem(await api.patch('/api/v1/pipeline-stages/proposal', { version: 4, key: 'renamed' }, as.admin), 400, ['key'])
  })

  it('a stage with live deals is neither deleted nor given another kind; without them it is soft-deleted and its key reusable', async () => {
    const d = await insertOpportunity(t.db, customerId, { stage: 'needs_analysis' })
    expect(expectProblem(await api.del('/api/v1/pipeline-stages/needs_analysis', as.admin), 409).code).toBe('STAGE_IN_USE')
    expect(expectProblem(await api.patch('/api/v1/pipeline-stages/needs_analysis', { version: 1, kind: 'lost' }, as.admin), 409).code).toBe('STAGE_IN_USE')
    expect(json(await api.patch('/api/v1/pipeline-stages/needs_analysis', { version: 1, probability: 35 }, as.admin)).probability).toBe(35)
    // A deal in the trash does not hold the stage.
    await t.db.updateTable('opportunities').set({ deletedAt: new Date() }).where('id', '=', d.id).execute()
    expect((await api.del('/api/v1/pipeline-stages/needs_analysis', as.admin)).statusCode).toBe(204)
    expect(await keys()).toEqual(['qualification', 'proposal', 'negotiation', 'won', 'lost'])
    expect((await list()).map((s) => s.position)).toEqual([1, 2, 3, 4, 5])
    expectProblem(await api.get('/api/v1/pipeline-stages/needs_analysis', as.admin), 404)
    expectProblem(await api.del('/api/v1/pipeline-stages/needs_analysis', as.admin), 404)
    expectProblem(await api.post('/api/v1/opportunities', { customerId, name: 'Into a deleted stage', stage: 'needs_analysis' }, as.admin), 400, ['stage'])
    expect((await api.post('/api/v1/pipeline-stages', { key: 'needs_analysis', name: '需求分析', probability: 30, position: 2 }, as.admin)).statusCode).toBe(201)
    const audit = await t.db.selectFrom('auditLog').select('action').where('entity', '=', 'pipeline_stage').where('action', '=', 'delete').execute()
    expect(audit.length).toBeGreaterThan(0)
  })

  it('keeps one won stage, a lost stage and an open stage', async () => {
    expect(expectProblem(await api.del('/api/v1/pipeline-stages/won', as.admin), 409).code).toBe('STAGE_KIND_CONFLICT')
    expect(expectProblem(await api.del('/api/v1/pipeline-stages/lost', as.admin), 409).code).toBe('STAGE_KIND_CONFLICT')
    expect((await api.post('/api/v1/pipeline-stages', { key: 'lost_budget', name: '预算取消', probability: 0, kind: 'lost' }, as.admin)).statusCode).toBe(201)
    expect((await api.del('/api/v1/pipeline-stages/lost', as.admin)).statusCode).toBe(204)
    expect(expectProblem(await api.del('/api/v1/pipeline-stages/lost_budget', as.admin), 409).code).toBe('STAGE_KIND_CONFLICT')
    for (const key of ['needs_analysis', 'proposal', 'negotiation']) expect((await api.del(`/api/v1/pipeline-stages/${key}`, as.admin)).statusCode).toBe(204)
    expect(expectProblem(await api.del('/api/v1/pipeline-stages/qualification', as.admin), 409).code).toBe('STAGE_KIND_CONFLICT')
    expect(await keys()).toEqual(['qualification', 'won', 'lost_budget'])
  })

  it('reorders by a full list of keys, and refuses anything else', async () => {
    const order = ['negotiation', 'proposal', 'needs_analysis', 'qualification', 'lost', 'won']
    const res = await api.post('/api/v1/pipeline-stages/reorder', { keys: order }, as.admin)
    expect(res.statusCode).toBe(200)
    expect(json(res).items.map((s: { key: string; position: number }) => [s.key, s.position])).toEqual(order.map((k, i) => [k, i + 1]))
    expect(await keys()).toEqual(order)
    const before = JSON.stringify(await stageRows())
    expectProblem(await api.post('/api/v1/pipeline-stages/reorder', { keys: order.slice(1) }, as.admin), 400, ['keys'])
    expectProblem(await api.post('/api/v1/pipeline-stages/reorder', { keys: [...order.slice(1), 'proposal'] }, as.admin), 400, ['keys'])
    expectProblem(await api.post('/api/v1/pipeline-stages/reorder', { keys: [...order.slice(1), 'nirvana'] }, as.admin), 400, ['keys'])
    expectProblem(await api.post('/api/v1/pipeline-stages/reorder', { keys: [] }, as.admin), 400, ['keys'])
    expect(JSON.stringify(await stageRows())).toBe(before)
    // The board follows the new order.
    const board = json(await api.get('/api/v1/opportunities/board', as.admin))
    expect(board.columns.map((c: { stage: string }) => c.stage)).toEqual(order)
  })
})
