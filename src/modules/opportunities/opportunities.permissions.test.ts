import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertOpportunity, insertTeam, insertUser } from '../../test/factories'
import { http, ids } from '../../test/http'

/**
 * The permission matrix of /opportunities: every endpoint × every role × whose deal it is.
 * Everyone below is in team A except `outsider` (team B). The rules are those of customers
 * (server/permissions.ts), applied to the deal's own ownerId/teamId: admin everything; manager and
 * sales their own and their team's; support and marketing read everything, support writes what it
 * owns, marketing writes nothing; invisible → 404, visible but not writable → 403; purge is admin
 * only; bulk assignment is for managers (their team) and admins.
 */
const ROLES = ['admin', 'manager', 'sales', 'support', 'marketing'] as const
type Role = (typeof ROLES)[number]
const OWNERSHIPS = ['own', "teammate's", "other team's"] as const
type Ownership = (typeof OWNERSHIPS)[number]
type Outcome = number | 'listed' | 'hidden'
type Row = Record<Role, [Outcome, Outcome, Outcome]>

const Y = 'listed'
const N = 'hidden'
const row = (admin: Outcome[], manager: Outcome[], sales: Outcome[], support: Outcome[], marketing: Outcome[]) =>
  ({ admin, manager, sales, support, marketing }) as Row

// Each triple is [own deal, a teammate's deal, another team's deal].
// For `POST` the triple is the ownerId asked for: [oneself, a teammate, a user of another team].
const MATRIX = {
  //                        admin            manager          sales            support          marketing
  'GET list':         row([Y, Y, Y],       [Y, Y, N],       [Y, Y, N],       [Y, Y, Y],       [Y, Y, Y]),
  'GET list deleted': row([Y, Y, Y],       [Y, Y, N],       [Y, Y, N],       [Y, N, N],       [N, N, N]),
  'GET board':        row([Y, Y, Y],       [Y, Y, N],       [Y, Y, N],       [Y, Y, Y],       [Y, Y, Y]),
  'GET':              row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 200, 200], [200, 200, 200]),
  'GET history':      row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 200, 200], [200, 200, 200]),
  'POST':             row([201, 201, 201], [201, 201, 403], [201, 403, 403], [201, 403, 403], [403, 403, 403]),
  'PATCH':            row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
  'PATCH stage':      row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
  'PATCH take over':  row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
  'DELETE':           row([204, 204, 204], [204, 204, 404], [204, 204, 404], [204, 403, 403], [403, 403, 403]),
  'DELETE purge':     row([204, 204, 204], [403, 403, 403], [403, 403, 403], [403, 403, 403], [403, 403, 403]),
  'POST restore':     row([200, 200, 200], [200, 200, 404], [200, 200, 404], [200, 403, 403], [403, 403, 403]),
  'POST assign':      row([200, 200, 200], [200, 200, 404], [403, 403, 403], [403, 403, 403], [403, 403, 403]),
} satisfies Record<string, Row>
type Endpoint = keyof typeof MATRIX

// Re-assigning one's own deal (PATCH ownerId): [to a teammate, to a user of another team, to nobody (null)].
const REASSIGN: Row = row(
  [200, 200, 200], // admin: anyone
  [200, 403, 403], // manager: users of his team
  [403, 403, 403], // sales: only himself
  [403, 403, 403], // support: only himself
  [403, 403, 403], // marketing: writes nothing
)

let t: TestApp
let api: ReturnType<typeof http>
let customerId: string
const users = {} as Record<Role | 'teammate' | 'outsider', { id: string; teamId: string | null }>
const as = {} as Record<Role, AuthHeaders>
const ownCustomer = {} as Record<Role, string>
let seq = 0

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  const teamA = (await insertTeam(t.db)).id
  const teamB = (await insertTeam(t.db)).id
  for (const role of ROLES) {
    users[role] = await insertUser(t.db, { role, teamId: teamA })
    as[role] = await sessionFor(t, users[role].id)
    ownCustomer[role] = (await insertCustomer(t.db, { ownerId: users[role].id, teamId: teamA })).id
  }
  users.teammate = await insertUser(t.db, { role: 'sales', teamId: teamA })
  users.outsider = await insertUser(t.db, { role: 'sales', teamId: teamB })
  customerId = (await insertCustomer(t.db, { ownerId: users.admin.id, teamId: teamA })).id
})
afterAll(() => t.close())

const ownerOf = (role: Role, o: Ownership) => (o === 'own' ? users[role] : o === "teammate's" ? users.teammate : users.outsider)

/** A fresh deal of this ownership, named uniquely so a list can be narrowed to it. */
const dealOf = (role: Role, o: Ownership, extra: { deletedAt?: Date } = {}) => {
  const owner = ownerOf(role, o)
  return insertOpportunity(t.db, customerId, { name: `cell-${seq++}`, ownerId: owner.id, teamId: owner.teamId, ...extra })
}
const dbRow = (id: string) => t.db.selectFrom('opportunities').selectAll().where('id', '=', id).executeTakeFirst()

const probes: Record<Endpoint, (role: Role, o: Ownership) => Promise<Outcome>> = {
  'GET list': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await api.get(`/api/v1/opportunities?q=${d.name}&limit=200`, as[role])
    expect(res.statusCode).toBe(200)
    return ids(res).includes(d.id) ? Y : N
  },
  'GET list deleted': async (role, o) => {
    const d = await dealOf(role, o, { deletedAt: new Date() })
    const res = await api.get(`/api/v1/opportunities?deleted=true&q=${d.name}&limit=200`, as[role])
    expect(res.statusCode).toBe(200)
    return ids(res).includes(d.id) ? Y : N
  },
  'GET board': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await api.get(`/api/v1/opportunities/board?perStage=200&ownerId=${d.ownerId}`, as[role])
    expect(res.statusCode).toBe(200)
    return json(res).columns.some((c: { items: { id: string }[] }) => c.items.some((i) => i.id === d.id)) ? Y : N
  },
  'GET': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await api.get(`/api/v1/opportunities/${d.id}`, as[role])
    if (res.statusCode === 200) expect(json(res).id).toBe(d.id)
    return res.statusCode
  },
  'GET history': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await api.get(`/api/v1/opportunities/${d.id}/history`, as[role])
    if (res.statusCode === 200) expect(json(res)).toEqual({ items: [] })
    return res.statusCode
  },
  'POST': async (role, o) => {
    const name = `Created ${seq++}`
    const owner = ownerOf(role, o)
    const res = await api.post('/api/v1/opportunities', { customerId: ownCustomer[role], name, ownerId: owner.id }, as[role])
    const rows = await t.db.selectFrom('opportunities').select(['ownerId', 'teamId']).where('name', '=', name).execute()
    expect(rows).toEqual(res.statusCode === 201 ? [{ ownerId: owner.id, teamId: owner.teamId }] : [])
    return res.statusCode
  },
  'PATCH': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await api.patch(`/api/v1/opportunities/${d.id}`, { version: 1, expectedCloseDate: '2027-01-31' }, as[role])
    expect((await dbRow(d.id))!.expectedCloseDate).toBe(res.statusCode === 200 ? '2027-01-31' : null)
    return res.statusCode
  },
  'PATCH stage': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await api.patch(`/api/v1/opportunities/${d.id}`, { version: 1, stage: 'proposal' }, as[role])
    expect((await dbRow(d.id))!.stage).toBe(res.statusCode === 200 ? 'proposal' : 'qualification')
    return res.statusCode
  },
  'PATCH take over': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await api.patch(`/api/v1/opportunities/${d.id}`, { version: 1, ownerId: users[role].id }, as[role])
    expect((await dbRow(d.id))!.ownerId).toBe(res.statusCode === 200 ? users[role].id : d.ownerId)
    return res.statusCode
  },
  'DELETE': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await api.del(`/api/v1/opportunities/${d.id}`, as[role])
    expect((await dbRow(d.id))!.deletedAt === null).toBe(res.statusCode !== 204)
    return res.statusCode
  },
  'DELETE purge': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await api.del(`/api/v1/opportunities/${d.id}?purge=true`, as[role])
    expect(await dbRow(d.id)).toEqual(res.statusCode === 204 ? undefined : expect.objectContaining({ id: d.id, deletedAt: null }))
    return res.statusCode
  },
  'POST restore': async (role, o) => {
    const d = await dealOf(role, o, { deletedAt: new Date() })
    const res = await api.post(`/api/v1/opportunities/${d.id}/restore`, undefined, as[role])
    expect((await dbRow(d.id))!.deletedAt === null).toBe(res.statusCode === 200)
    return res.statusCode
  },
  'POST assign': async (role, o) => {
    const d = await dealOf(role, o)
    const res = await api.post('/api/v1/opportunities/assign', { ids: [d.id], ownerId: users[role].id }, as[role])
    expect((await dbRow(d.id))!.ownerId).toBe(res.statusCode === 200 ? users[role].id : d.ownerId)
    return res.statusCode
  },
}

const cells = (r: Row) => ROLES.flatMap((role) => OWNERSHIPS.map((ownership, i) => ({ role, ownership, expected: r[role][i]! })))

for (const endpoint of Object.keys(MATRIX) as Endpoint[]) {
  describe(`${endpoint} /opportunities`, () => {
    for (const { role, ownership, expected } of cells(MATRIX[endpoint])) {
      it(`${role} × ${ownership} deal → ${expected}`, async () => {
        expect(await probes[endpoint](role, ownership)).toBe(expected)
      })
    }
  })
}

describe('assigning ownerId on PATCH', () => {
  const targets = ['a teammate', 'another team', 'nobody'] as const
  const cellsOf = ROLES.flatMap((role) => targets.map((to, i) => ({ role, to, expected: REASSIGN[role][i]! })))

  for (const { role, to, expected } of cellsOf) it(`${role} re-assigns his own deal to ${to} → ${expected}`, async () => {
    const d = await dealOf(role, 'own')
    const ownerId = to === 'a teammate' ? users.teammate.id : to === 'another team' ? users.outsider.id : null
    const res = await api.patch(`/api/v1/opportunities/${d.id}`, { version: 1, ownerId }, as[role])
    expect(res.statusCode).toBe(expected)
    const after = (await dbRow(d.id))!
    if (expected === 200) {
      const owner = to === 'a teammate' ? users.teammate : to === 'another team' ? users.outsider : null
      expect(after).toMatchObject({ ownerId, teamId: owner?.teamId ?? null, version: 2 })
    } else {
      expect(after).toMatchObject({ ownerId: d.ownerId, teamId: d.teamId, version: 1 })
    }
  })

  it('creating without ownerId makes the caller the owner, with his team', async () => {
    const res = await api.post('/api/v1/opportunities', { customerId: ownCustomer.sales, name: 'Mine by default' }, as.sales)
    expect(json(res)).toMatchObject({ ownerId: users.sales.id, teamId: users.sales.teamId })
  })
})

describe('edges', () => {
  const someId = '0190a000-0000-7000-8000-000000000000'
  it.each([
    ['GET', '/api/v1/opportunities'],
    ['POST', '/api/v1/opportunities'],
    ['GET', '/api/v1/opportunities/board'],
    ['POST', '/api/v1/opportunities/assign'],
    ['GET', `/api/v1/opportunities/${someId}`],
    ['PATCH', `/api/v1/opportunities/${someId}`],
    ['DELETE', `/api/v1/opportunities/${someId}`],
    ['DELETE', `/api/v1/opportunities/${someId}?purge=true`],
    ['POST', `/api/v1/opportunities/${someId}/restore`],
    ['GET', `/api/v1/opportunities/${someId}/history`],
  ] as const)('anonymous %s %s → 401, whatever the body', async (method, url) => {
    const payload = method === 'POST' || method === 'PATCH' ? { nonsense: true } : undefined
    const res = await t.app.inject({ method, url, ...(payload ? { payload } : {}) })
    expect(res.statusCode).toBe(401)
  })
})
