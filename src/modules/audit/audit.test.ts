import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertContact, insertCustomer, insertTeam, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'
import { newId } from '../../lib/ids'

let t: TestApp
let api: ReturnType<typeof http>
let admin: { id: string }
const as = {} as Record<'admin' | 'manager' | 'sales' | 'support' | 'marketing', AuthHeaders>

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  for (const role of ['admin', 'manager', 'sales', 'support', 'marketing'] as const) {
    const user = await insertUser(t.db, { role })
    if (role === 'admin') admin = user
    as[role] = await sessionFor(t, user.id)
  }
})
afterAll(() => t.close())

const rowsFor = (entityId: string) => t.db.selectFrom('auditLog').selectAll().where('entityId', '=', entityId).orderBy('at').orderBy('id').execute()
const countAudit = async () => Number((await t.db.selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

describe('who may read the audit log', () => {
  it.each([
    ['admin', 200],
    ['manager', 200],
    ['sales', 403],
    ['support', 403],
    ['marketing', 403],
  ] as const)('%s → %i', async (role, status) => {
    const res = await api.get('/api/v1/audit-log', as[role])
    expect(res.statusCode).toBe(status)
    if (status === 403) expectProblem(res, 403)
  })

  it('anonymous → 401', async () => {
    expectProblem(await api.get('/api/v1/audit-log'), 401)
  })
})

describe("a manager reads the rows about his team's records, as he reads the records", () => {
  it("sees his team's customers and their contacts, not another team's, nor users' sign-ins", async () => {
    const [mine, theirs] = [await insertTeam(t.db), await insertTeam(t.db)]
    const manager = await insertUser(t.db, { role: 'manager', teamId: mine.id })
    const [rep, stranger] = [await insertUser(t.db, { role: 'sales', teamId: mine.id }), await insertUser(t.db, { role: 'sales', teamId: theirs.id })]
    const headers = await sessionFor(t, manager.id)
    const create = async (owner: { id: string }, name: string) => {
      const res = await api.post('/api/v1/customers', { name, email: `${name}@x.cn`, phone: '13800138000', ownerId: owner.id }, as.admin)
      expect(res.statusCode, res.body).toBe(201)
      const id = json(res).id as string
      expect((await api.post('/api/v1/contacts', { customerId: id, name: `${name} contact` }, as.admin)).statusCode).toBe(201)
      return id
    }
    const ours = await create(rep, 'ours')
    const other = await create(stranger, 'other')
    await api.post('/api/v1/auth/login', { email: 'nobody@x.cn', password: 'wrong-password-1' })

    const read = async (query: string) => json(await api.get(`/api/v1/audit-log?limit=200&${query}`, headers)).items as { entity: string; entityId: string; changes: unknown }[]
    expect((await read(`entityId=${ours}`)).map((r) => r.entity)).toEqual(['customer'])
    // Another team's customer, with its e-mail and phone in the row: as if it had no history.
    expect(await read(`entityId=${other}`)).toEqual([])
    const contacts = await read('entity=contact')
    expect(contacts.map((r) => JSON.stringify(r.changes)).filter((c) => c.includes('contact'))).toEqual([expect.stringContaining('ours contact')])
    expect(await read('entity=user')).toEqual([])
    // The admin still reads all of it.
    expect(json(await api.get(`/api/v1/audit-log?entityId=${other}`, as.admin)).items).toHaveLength(1)
    expect(json(await api.get('/api/v1/audit-log?entity=user&limit=200', as.admin)).items.some((r: { action: string }) => r.action === 'login_failed')).toBe(true)
  })
})

describe('filters and paging', () => {
  const ENTITY = 'probe'
  const times = ['2020-01-01T10:00:00.000Z', '2020-06-15T12:00:00.000Z', '2020-06-15T23:30:00.000Z', '2021-01-01T00:00:00.000Z']
  const entityId = newId()
  const otherActor = newId()
  beforeAll(async () => {
    await t.db
      .insertInto('auditLog')
      .values(times.map((at, i) => ({ id: newId(), at: new Date(at), actorId: i === 3 ? otherActor : admin.id, action: 'update', entity: ENTITY, entityId: i === 0 ? entityId : newId(), changes: null, requestId: `r${i}`, ip: null })))
      .execute()
  })
  const at = async (query: string) => json(await api.get(`/api/v1/audit-log?entity=${ENTITY}&${query}`, as.admin)).items.map((i: { at: string }) => i.at)

  it('by entity (newest first), entityId and actorId', async () => {
    expect(await at('')).toEqual([...times].reverse())
    expect(await at(`entityId=${entityId}`)).toEqual([times[0]])
    expect(await at(`actorId=${otherActor}`)).toEqual([times[3]])
    expect(await at(`actorId=${admin.id}&entityId=${entityId}`)).toEqual([times[0]])
    expect(json(await api.get('/api/v1/audit-log?entity=no-such-entity', as.admin)).items).toEqual([])
  })

  it('by from (inclusive) and to (a date includes its whole day, a time is exclusive)', async () => {
    expect(await at('from=2020-06-15')).toEqual([times[3], times[2], times[1]])
    expect(await at('to=2020-06-15')).toEqual([times[2], times[1], times[0]])
    expect(await at('from=2020-06-15&to=2020-06-15')).toEqual([times[2], times[1]])
    expect(await at(`from=${encodeURIComponent('2020-06-15T12:00:00.000Z')}&to=${encodeURIComponent('2020-06-15T23:30:00.000Z')}`)).toEqual([times[1]])
    expect(await at(`from=${encodeURIComponent('2020-06-16T00:00:00+08:00')}&to=2020-12-31`)).toEqual([times[2]])
    // The calendar's last day is a valid end: everything, not a 400.
    expect(await at('from=0001-01-01&to=9999-12-31')).toEqual([...times].reverse())
  })

  it('pages with a keyset cursor: every row once, in order, across pages', async () => {
    const all = await at('limit=200')
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const res = await api.get(`/api/v1/audit-log?entity=${ENTITY}&limit=1${cursor ? `&cursor=${cursor}` : ''}`, as.admin)
      const page: { items: { at: string }[]; nextCursor: string | null } = json(res)
      seen.push(...page.items.map((i) => i.at))
      cursor = page.nextCursor
      pages++
    } while (cursor && pages < 10)
    expect(seen).toEqual(all)
    expect(pages).toBe(times.length)
  })

  it('a customer’s history pages the same way', async () => {
    const c = json(await api.post('/api/v1/customers', { name: 'Storied' }, as.admin))
    for (let v = 1; v <= 3; v++) await api.patch(`/api/v1/customers/${c.id}`, { version: v, industry: `Industry ${v}` }, as.admin)
    const first = json(await api.get(`/api/v1/customers/${c.id}/history?limit=3`, as.admin))
    expect(first.items.map((i: { action: string }) => i.action)).toEqual(['update', 'update', 'update'])
    const second = json(await api.get(`/api/v1/customers/${c.id}/history?limit=3&cursor=${first.nextCursor}`, as.admin))
    expect(second).toMatchObject({ items: [expect.objectContaining({ action: 'create' })], nextCursor: null })
  })

  it('refuses bad filters', async () => {
    expectProblem(await api.get('/api/v1/audit-log?entityId=1', as.admin), 400, ['entityId'])
    expectProblem(await api.get('/api/v1/audit-log?from=31/12/2020', as.admin), 400, ['from'])
    expectProblem(await api.get('/api/v1/audit-log?limit=0', as.admin), 400, ['limit'])
    expectProblem(await api.get('/api/v1/audit-log?cursor=abc', as.admin), 400, ['cursor'])
    expectProblem(await api.get('/api/v1/audit-log?action=login', as.admin), 400, ['action'])
  })
})

describe('every customer change writes exactly one audit row, in its transaction', () => {
  it('create, update, delete, restore, purge: one row each, with actor, request id and before/after', async () => {
    const created = await api.post('/api/v1/customers', { name: 'Audited', industry: 'Retail' }, as.admin)
    const c = json(created)
    expect(await rowsFor(c.id)).toEqual([expect.objectContaining({ action: 'create', entity: 'customer', actorId: admin.id, requestId: created.headers['x-request-id'] })])
    expect((await rowsFor(c.id))[0]!.changes).toMatchObject({ name: { before: null, after: 'Audited' }, industry: { before: null, after: 'Retail' } })

    const updated = await api.patch(`/api/v1/customers/${c.id}`, { version: 1, industry: 'Wholesale', status: 'active' }, as.admin)
    const afterUpdate = await rowsFor(c.id)
    expect(afterUpdate).toHaveLength(2)
    expect(afterUpdate[1]).toMatchObject({ action: 'update', requestId: updated.headers['x-request-id'], changes: { industry: { before: 'Retail', after: 'Wholesale' }, status: { before: 'prospect', after: 'active' } } })

    expect((await api.del(`/api/v1/customers/${c.id}`, as.admin)).statusCode).toBe(204)
    expect((await api.post(`/api/v1/customers/${c.id}/restore`, undefined, as.admin)).statusCode).toBe(200)
    expect((await api.del(`/api/v1/customers/${c.id}?purge=true`, as.admin)).statusCode).toBe(204)
    expect((await rowsFor(c.id)).map((r) => r.action)).toEqual(['create', 'update', 'delete', 'restore', 'purge'])
  })

  it('an update that changes nothing writes no row and keeps the version', async () => {
    const c = await insertCustomer(t.db, { name: 'Same', industry: 'Same' })
    const res = await api.patch(`/api/v1/customers/${c.id}`, { version: 1, name: 'Same', industry: ' Same ' }, as.admin)
    expect(json(res).version).toBe(1)
    expect(await rowsFor(c.id)).toEqual([])
  })

  it('a refused update writes no row and changes nothing (stale version, bad owner, bad phone, no right)', async () => {
    const c = await insertCustomer(t.db, { name: 'Guarded' })
    const inactive = await insertUser(t.db, { active: false })
    const before = await countAudit()
    expectProblem(await api.patch(`/api/v1/customers/${c.id}`, { version: 7, name: 'Stale' }, as.admin), 409)
    expectProblem(await api.patch(`/api/v1/customers/${c.id}`, { version: 1, name: 'Owner', ownerId: inactive.id }, as.admin), 400, ['ownerId'])
    expectProblem(await api.patch(`/api/v1/customers/${c.id}`, { version: 1, name: 'Phone', phone: '123' }, as.admin), 400, ['phone'])
    expectProblem(await api.patch(`/api/v1/customers/${c.id}`, { version: 1, name: 'Marketing' }, as.marketing), 403)
    expect(await countAudit()).toBe(before)
    expect(await t.db.selectFrom('customers').select(['name', 'version']).where('id', '=', c.id).executeTakeFirst()).toEqual({ name: 'Guarded', version: 1 })
  })

  it('when the audit row cannot be written, the change is rolled back with it', async () => {
    const c = await insertCustomer(t.db, { name: 'Atomic' })
    const p = await insertContact(t.db, c.id, { name: 'Atomic contact' })
    // A constraint that refuses the audit rows of these two records' updates, and nothing else.
    await sql`ALTER TABLE audit_log ADD CONSTRAINT test_refuse_updates CHECK (action <> 'update' OR entity_id NOT IN (${sql.lit(c.id)}, ${sql.lit(p.id)})) NOT VALID`.execute(t.db)
    try {
      const res = await api.patch(`/api/v1/customers/${c.id}`, { version: 1, name: 'Changed' }, as.admin)
      expect(res.statusCode).toBe(500)
      expect(res.body).not.toContain('test_refuse_updates') // 5xx bodies reveal no internals
      expect((await api.patch(`/api/v1/contacts/${p.id}`, { version: 1, name: 'Changed' }, as.admin)).statusCode).toBe(500)
    } finally {
      await sql`ALTER TABLE audit_log DROP CONSTRAINT test_refuse_updates`.execute(t.db)
    }
    expect(await t.db.selectFrom('customers').select(['name', 'version']).where('id', '=', c.id).executeTakeFirst()).toEqual({ name: 'Atomic', version: 1 })
    expect(await t.db.selectFrom('contacts').select(['name', 'version']).where('id', '=', p.id).executeTakeFirst()).toEqual({ name: 'Atomic contact', version: 1 })
    expect(json(await api.patch(`/api/v1/customers/${c.id}`, { version: 1, name: 'Changed' }, as.admin)).version).toBe(2)
  })

  it('contacts: create, update, delete, restore write one row each', async () => {
    const c = await insertCustomer(t.db)
    const p = json(await api.post('/api/v1/contacts', { customerId: c.id, name: 'Tracked' }, as.admin))
    await api.patch(`/api/v1/contacts/${p.id}`, { version: 1, title: 'CEO' }, as.admin)
    await api.del(`/api/v1/contacts/${p.id}`, as.admin)
    await api.post(`/api/v1/contacts/${p.id}/restore`, undefined, as.admin)
    const rows = await rowsFor(p.id)
    expect(rows.map((r) => [r.entity, r.action])).toEqual([['contact', 'create'], ['contact', 'update'], ['contact', 'delete'], ['contact', 'restore']])
    expect(rows[1]!.changes).toEqual({ title: { before: null, after: 'CEO' } })
  })
})

describe('recordAuditBatch (bulk writers such as imports)', () => {
  it('writes the rows recordAudit writes, many in one statement, inside the caller’s transaction', async () => {
    const { recordAudit, recordAuditBatch } = await import('./audit.service')
    const ctx = { actor: { userId: admin.id }, requestId: 'req-batch', ip: '10.0.0.9' }
    const ids = Array.from({ length: 3 }, () => newId())
    const single = newId()
    const changes = { name: { before: null, after: '名字 "quoted"' }, tags: { before: [], after: ['a', 'b'] } }
    let statements = 0
    await t.db.transaction().execute(async (trx) => {
      const counting = trx.withPlugin({ transformQuery: (a) => (statements++, a.node), transformResult: async (a) => a.result })
      await recordAuditBatch(counting, ctx, ids.map((entityId) => ({ action: 'create', entity: 'customer', entityId, changes })))
      await recordAudit(trx, ctx, [{ action: 'create', entity: 'customer', entityId: single, changes }])
    })
    expect(statements).toBe(1)
    const shape = (r: Awaited<ReturnType<typeof rowsFor>>[number]) => ({ actorId: r.actorId, action: r.action, entity: r.entity, changes: r.changes, requestId: r.requestId, ip: r.ip, at: r.at instanceof Date })
    const [reference] = await rowsFor(single)
    for (const id of ids) {
      const rows = await rowsFor(id)
      expect(rows).toHaveLength(1)
      expect(shape(rows[0]!)).toEqual(shape(reference!))
    }
    expect(shape(reference!)).toEqual({ actorId: admin.id, action: 'create', entity: 'customer', changes, requestId: 'req-batch', ip: '10.0.0.9', at: true })

    // Rolled back with the caller's transaction; nothing to write writes nothing.
    const before = await countAudit()
    await expect(t.db.transaction().execute(async (trx) => {
      await recordAuditBatch(trx, ctx, [{ action: 'update', entity: 'customer', entityId: newId() }])
      await recordAuditBatch(trx, ctx, [])
      throw new Error('rollback')
    })).rejects.toThrow('rollback')
    expect(await countAudit()).toBe(before)
  })
})
