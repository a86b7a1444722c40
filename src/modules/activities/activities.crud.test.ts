import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertActivity, insertContact, insertCustomer, insertLead, insertTeam, insertUser } from '../../test/factories'
import { expectProblem, http, ids } from '../../test/http'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let sales: AuthHeaders
let teammate: AuthHeaders
let outsider: AuthHeaders
const u = {} as Record<'sales' | 'teammate' | 'outsider', { id: string; teamId: string | null }>
let teamA: string

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  teamA = (await insertTeam(t.db)).id
  const teamB = (await insertTeam(t.db)).id
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  u.sales = await insertUser(t.db, { role: 'sales', teamId: teamA })
  u.teammate = await insertUser(t.db, { role: 'sales', teamId: teamA })
  u.outsider = await insertUser(t.db, { role: 'sales', teamId: teamB })
  sales = await sessionFor(t, u.sales.id)
  teammate = await sessionFor(t, u.teammate.id)
  outsider = await sessionFor(t, u.outsider.id)
})
afterAll(() => t.close())

const customerOf = (who: { id: string; teamId: string | null }) => insertCustomer(t.db, { ownerId: who.id, teamId: who.teamId })

describe('logging activities', () => {
  it('logs a call on a customer: 201, Location, the caller as owner, an audit row', async () => {
    const c = await customerOf(u.sales)
    const res = await api.post('/api/v1/activities', { type: 'call', subject: '电话沟通报价', body: '客户希望下周见面', customerId: c.id }, sales)
    expect(res.statusCode, res.body).toBe(201)
    const a = json(res)
    expect(res.headers.location).toBe(`/api/v1/activities/${a.id}`)
    expect(a).toMatchObject({ type: 'call', subject: '电话沟通报价', body: '客户希望下周见面', customerId: c.id, contactId: null, ownerId: u.sales.id, teamId: teamA, version: 1, completedAt: null })
    expect(json(await api.get(`/api/v1/activities/${a.id}`, sales))).toEqual(a)
    expect(await t.db.selectFrom('auditLog').select(['action', 'entity']).where('entityId', '=', a.id).execute()).toEqual([{ action: 'create', entity: 'activity' }])
  })

  it('a contact brings its customer along; a contact of another customer is a 400', async () => {
    const c = await customerOf(u.sales)
    const other = await customerOf(u.sales)
    const p = await insertContact(t.db, c.id)
    expect(json(await api.post('/api/v1/activities', { type: 'meeting', subject: 'Visit', contactId: p.id }, sales))).toMatchObject({ contactId: p.id, customerId: c.id })
    expectProblem(await api.post('/api/v1/activities', { type: 'meeting', subject: 'Visit', contactId: p.id, customerId: other.id }, sales), 400, ['contactId'])
  })

  it('an opportunity brings its customer along', async () => {
    const c = await customerOf(u.sales)
    const deal = json(await api.post('/api/v1/opportunities', { name: 'Deal', customerId: c.id }, sales))
    expect(json(await api.post('/api/v1/activities', { type: 'email', subject: 'Proposal sent', opportunityId: deal.id }, sales))).toMatchObject({ opportunityId: deal.id, customerId: c.id })
  })

  it('links must point at records the caller may see; only a task may stand alone', async () => {
    const theirs = await customerOf(u.outsider)
    const theirLead = await insertLead(t.db, { ownerId: u.outsider.id })
    const missing = '0190a000-0000-7000-8000-000000000000'
    const before = (await t.db.selectFrom('activities').select('id').execute()).length
    expectProblem(await api.post('/api/v1/activities', { type: 'note', subject: 'x', customerId: theirs.id }, sales), 400, ['customerId'])
    expectProblem(await api.post('/api/v1/activities', { type: 'note', subject: 'x', leadId: theirLead.id }, sales), 400, ['leadId'])
    expectProblem(await api.post('/api/v1/activities', { type: 'note', subject: 'x', contactId: missing }, sales), 400, ['contactId'])
    expectProblem(await api.post('/api/v1/activities', { type: 'note', subject: 'x', opportunityId: missing }, sales), 400, ['opportunityId'])
    expectProblem(await api.post('/api/v1/activities', { type: 'note', subject: 'Floating note' }, sales), 400, ['customerId'])
    expectProblem(await api.post('/api/v1/activities', { type: 'visit', subject: '', dueAt: 'tomorrow' }, sales), 400, ['type', 'subject', 'dueAt'])
    expect((await t.db.selectFrom('activities').select('id').execute()).length).toBe(before)
    const personal = await api.post('/api/v1/activities', { type: 'task', subject: 'Renew my certificate', dueAt: '2027-01-15T09:00:00+08:00' }, sales)
    expect(json(personal)).toMatchObject({ customerId: null, dueAt: '2027-01-15T01:00:00.000Z', ownerId: u.sales.id })
  })

  it('assigning to someone else follows the ownership rules', async () => {
    const c = await customerOf(u.sales)
    expectProblem(await api.post('/api/v1/activities', { type: 'task', subject: 'For my teammate', customerId: c.id, ownerId: u.teammate.id }, sales), 403)
    expect(json(await api.post('/api/v1/activities', { type: 'task', subject: 'For a teammate', customerId: c.id, ownerId: u.teammate.id }, admin))).toMatchObject({ ownerId: u.teammate.id })
  })
})

describe('changing activities', () => {
  it('completes and re-opens a task by PATCHing completedAt; a stale version is a 409 with the current one', async () => {
    const c = await customerOf(u.sales)
    const task = json(await api.post('/api/v1/activities', { type: 'task', subject: 'Call back', customerId: c.id, dueAt: new Date(Date.now() + 3600_000).toISOString() }, sales))
    const done = await api.patch(`/api/v1/activities/${task.id}`, { version: 1, completedAt: '2026-11-25T10:00:00Z' }, sales)
    expect(json(done)).toMatchObject({ completedAt: '2026-11-25T10:00:00.000Z', version: 2 })
    expect(expectProblem(await api.patch(`/api/v1/activities/${task.id}`, { version: 1, subject: 'Late' }, sales), 409).current).toMatchObject({ version: 2 })
    expect(json(await api.patch(`/api/v1/activities/${task.id}`, { version: 2, completedAt: null }, teammate))).toMatchObject({ completedAt: null, version: 3 })
    const audit = await t.db.selectFrom('auditLog').select('changes').where('entityId', '=', task.id).where('action', '=', 'update').orderBy('at').orderBy('id').execute()
    expect(audit[0]!.changes).toEqual({ completedAt: { before: null, after: '2026-11-25T10:00:00.000Z' } })
  })

  it('moving to another contact moves the customer too; unlinking the only link of a note is refused', async () => {
    const c1 = await customerOf(u.sales)
    const c2 = await customerOf(u.sales)
    const p2 = await insertContact(t.db, c2.id)
    const a = json(await api.post('/api/v1/activities', { type: 'note', subject: 'Moves', customerId: c1.id }, sales))
    expect(json(await api.patch(`/api/v1/activities/${a.id}`, { version: 1, contactId: p2.id }, sales))).toMatchObject({ customerId: c2.id, contactId: p2.id, version: 2 })
    expectProblem(await api.patch(`/api/v1/activities/${a.id}`, { version: 2, customerId: null, contactId: null }, sales), 400, ['customerId'])
  })

  it('soft deletes, restores, and an admin purges', async () => {
    const c = await customerOf(u.sales)
    const a = await insertActivity(t.db, { customerId: c.id, ownerId: u.sales.id })
    expect((await api.del(`/api/v1/activities/${a.id}`, sales)).statusCode).toBe(204)
    expectProblem(await api.get(`/api/v1/activities/${a.id}`, sales), 404)
    expect(ids(await api.get(`/api/v1/activities?customerId=${c.id}`, sales))).not.toContain(a.id)
    expect(json(await api.post(`/api/v1/activities/${a.id}/restore`, undefined, sales))).toMatchObject({ deletedAt: null })
    expectProblem(await api.del(`/api/v1/activities/${a.id}?purge=true`, sales), 403)
    expect((await api.del(`/api/v1/activities/${a.id}?purge=true`, admin)).statusCode).toBe(204)
    expect(await t.db.selectFrom('activities').select('id').where('id', '=', a.id).execute()).toEqual([])
  })
})

describe('who sees an activity', () => {
  it('whoever may see the linked customer or lead, or owns it; the list filters in SQL', async () => {
    const mine = await customerOf(u.sales)
    const theirs = await customerOf(u.outsider)
    const theirLead = await insertLead(t.db, { ownerId: u.outsider.id })
    const onMine = await insertActivity(t.db, { customerId: mine.id, ownerId: u.outsider.id, subject: 'vis-1' }) // an outsider's note on my customer
    const onTheirs = await insertActivity(t.db, { customerId: theirs.id, ownerId: u.outsider.id, subject: 'vis-2' })
    const myOnTheirs = await insertActivity(t.db, { customerId: theirs.id, ownerId: u.sales.id, subject: 'vis-3' }) // mine, on a customer I cannot see
    const onTheirLead = await insertActivity(t.db, { leadId: theirLead.id, ownerId: u.outsider.id, subject: 'vis-4' })
    const teammates = await insertActivity(t.db, { type: 'task', ownerId: u.teammate.id, subject: 'vis-5' })

    const seen = async (as: AuthHeaders) => ids(await api.get('/api/v1/activities?limit=200', as))
    expect(await seen(sales)).toEqual(expect.arrayContaining([onMine.id, myOnTheirs.id, teammates.id]))
    expect(await seen(sales)).not.toContain(onTheirs.id)
    expect(await seen(sales)).not.toContain(onTheirLead.id)
    expect(await seen(outsider)).toEqual(expect.arrayContaining([onMine.id, onTheirs.id, myOnTheirs.id, onTheirLead.id]))
    expect(await seen(outsider)).not.toContain(teammates.id)
    expect((await api.get(`/api/v1/activities/${onTheirs.id}`, sales)).statusCode).toBe(404)
    expect((await api.get(`/api/v1/activities/${onMine.id}`, sales)).statusCode).toBe(200)
    expect((await api.get(`/api/v1/activities/${myOnTheirs.id}`, sales)).statusCode).toBe(200)
    // By customer: everything on a customer I see; on one I do not, only my own.
    expect(ids(await api.get(`/api/v1/activities?customerId=${mine.id}`, sales))).toEqual([onMine.id])
    expect(ids(await api.get(`/api/v1/activities?customerId=${theirs.id}`, sales))).toEqual([myOnTheirs.id])
    expect(ids(await api.get(`/api/v1/activities?leadId=${theirLead.id}`, sales))).toEqual([])
  })

  it('filters by type, owner, mine, open, and pages by createdAt and dueAt', async () => {
    const c = await customerOf(u.teammate)
    const made = []
    for (let i = 0; i < 5; i++) {
      made.push(await insertActivity(t.db, { type: 'task', customerId: c.id, ownerId: u.teammate.id, dueAt: new Date(Date.UTC(2027, 0, 10 - i)), completedAt: i === 0 ? new Date() : null }))
    }
    await insertActivity(t.db, { type: 'call', customerId: c.id, ownerId: u.teammate.id })
    expect(ids(await api.get(`/api/v1/activities?customerId=${c.id}&type=task&open=true`, sales))).toHaveLength(4)
    expect(ids(await api.get(`/api/v1/activities?customerId=${c.id}&open=false`, sales))).toEqual([made[0]!.id])
    expect(ids(await api.get(`/api/v1/activities?customerId=${c.id}&mine=true`, teammate))).toHaveLength(6)
    expect(ids(await api.get(`/api/v1/activities?customerId=${c.id}&mine=true`, sales))).toHaveLength(0)
    expect(ids(await api.get(`/api/v1/activities?customerId=${c.id}&ownerId=${u.teammate.id}&type=call`, sales))).toHaveLength(1)
    for (const sort of ['dueAt', '-dueAt', 'createdAt', '-createdAt']) {
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const res = await api.get(`/api/v1/activities?customerId=${c.id}&type=task&limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`, sales)
        expect(res.statusCode, res.body).toBe(200)
        seen.push(...ids(res))
        cursor = json(res).nextCursor
      } while (cursor)
      expect(seen.sort(), sort).toEqual(made.map((m) => m.id).sort())
    }
    expect(ids(await api.get(`/api/v1/activities?customerId=${c.id}&type=task&sort=dueAt`, sales))).toEqual(made.map((m) => m.id).reverse())
    expectProblem(await api.get('/api/v1/activities?sort=subject', sales), 400, ['sort'])
  })
})

describe('my tasks: due today, overdue, upcoming in the caller’s time zone', () => {
  const DAY = 86400_000
  const HOUR = 3600_000
  /** The start of the local day of a fixed-offset zone, computed independently of the server’s Intl-based code. */
  const startOfLocalDay = (ms: number, offsetHours: number) => Math.floor((ms + offsetHours * HOUR) / DAY) * DAY - offsetHours * HOUR

  it.each([
    ['Asia/Shanghai', 8],
    ['Pacific/Honolulu', -10],
    ['Asia/Kolkata', 5.5],
  ] as const)('in %s (UTC%s)', async (tz, offset) => {
    const owner = await insertUser(t.db, { role: 'sales', teamId: teamA })
    const as = await sessionFor(t, owner.id)
    const now = Date.now()
    const today = startOfLocalDay(now, offset)
    const tomorrow = today + DAY
    const instants = [now - 2 * HOUR, now - 26 * HOUR, today + 60_000, now + 30 * 60_000, tomorrow - 60_000, tomorrow + 60_000, now + 3 * DAY, startOfLocalDay(now, 8) + DAY - 60_000, startOfLocalDay(now, -10) + DAY + 60_000]
    const tasks: { id: string; due: number }[] = []
    for (const due of instants) tasks.push({ id: (await insertActivity(t.db, { type: 'task', ownerId: owner.id, dueAt: new Date(due) })).id, due })
    await insertActivity(t.db, { type: 'task', ownerId: owner.id, dueAt: new Date(now - HOUR), completedAt: new Date() }) // done: never listed
    await insertActivity(t.db, { type: 'call', ownerId: owner.id, dueAt: new Date(now - HOUR), customerId: (await customerOf(owner)).id }) // not a task
    await insertActivity(t.db, { type: 'task', ownerId: u.teammate.id, dueAt: new Date(now - HOUR) }) // not mine

    const listed = async (due: string) => ids(await api.get(`/api/v1/activities?mine=true&due=${due}&tz=${encodeURIComponent(tz)}&limit=200`, as)).sort()
    const expected = (keep: (due: number) => boolean) => tasks.filter((x) => keep(x.due)).map((x) => x.id).sort()
    expect(await listed('today')).toEqual(expected((d) => d >= today && d < tomorrow))
    expect(await listed('overdue')).toEqual(expected((d) => d < Date.now()))
    expect(await listed('upcoming')).toEqual(expected((d) => d >= tomorrow))
    // Due lists come soonest first.
    const upcoming = json(await api.get(`/api/v1/activities?mine=true&due=upcoming&tz=${encodeURIComponent(tz)}`, as)).items.map((a: { dueAt: string }) => a.dueAt)
    expect(upcoming).toEqual([...upcoming].sort())
  })

  it('lists open tasks without a due date (none), newest first, page by page', async () => {
    const owner = await insertUser(t.db, { role: 'sales', teamId: teamA })
    const as = await sessionFor(t, owner.id)
    const undated: string[] = []
    for (let i = 0; i < 5; i++) undated.push((await insertActivity(t.db, { type: 'task', ownerId: owner.id, dueAt: null, createdAt: new Date(Date.UTC(2026, 10, 1 + i)) })).id)
    await insertActivity(t.db, { type: 'task', ownerId: owner.id, dueAt: new Date(Date.now() + HOUR) }) // dated: in today or upcoming
    await insertActivity(t.db, { type: 'task', ownerId: owner.id, dueAt: null, completedAt: new Date() }) // done
    await insertActivity(t.db, { type: 'note', ownerId: owner.id, dueAt: null, customerId: (await customerOf(owner)).id }) // not a task
    await insertActivity(t.db, { type: 'task', ownerId: u.teammate.id, dueAt: null }) // not mine

    const first = json(await api.get('/api/v1/activities?mine=true&due=none&limit=3', as))
    const second = json(await api.get(`/api/v1/activities?mine=true&due=none&limit=3&cursor=${first.nextCursor}`, as))
    expect([...first.items, ...second.items].map((a: { id: string }) => a.id)).toEqual([...undated].reverse())
    expect(second.nextCursor).toBeNull()
    // The dated tabs never show them, and due dates are no sort for tasks that have none.
    for (const due of ['today', 'overdue', 'upcoming']) expect(ids(await api.get(`/api/v1/activities?mine=true&due=${due}&limit=200`, as))).not.toContain(undated[0])
    expectProblem(await api.get('/api/v1/activities?mine=true&due=none&sort=dueAt', as), 400, ['sort'])
  })

  it('defaults to the user\'s or the company\'s zone and refuses an unknown one', async () => {
    expect((await api.get('/api/v1/activities?mine=true&due=today', sales)).statusCode).toBe(200)
    expectProblem(await api.get('/api/v1/activities?mine=true&due=today&tz=Mars/Olympus', sales), 400, ['tz'])
    expectProblem(await api.get('/api/v1/activities?due=yesterday', sales), 400, ['due'])
  })
})
