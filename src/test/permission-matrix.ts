import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertTeam, insertUser } from './factories'
import { http } from './http'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from './test-app'

/**
 * Shared set-up of the permission-matrix tests (src/modules/*\/*.permissions.test.ts): every
 * endpoint × every role × whose record it is. Everyone is in team A except `outsider` (team B);
 * `teammate` is a sales user of team A. Each test file declares only its matrix rows and probes.
 */
export const ROLES = ['admin', 'manager', 'sales', 'support', 'marketing'] as const
export type Role = (typeof ROLES)[number]
export const OWNERSHIPS = ['own', "teammate's", "other team's"] as const
export type Ownership = (typeof OWNERSHIPS)[number]
export type Outcome = number | 'listed' | 'hidden'
export type Row = Record<Role, [Outcome, Outcome, Outcome]>
/** Calls the endpoint on fresh records of this ownership, checks the database agrees, returns the outcome. */
export type Probe = (role: Role, o: Ownership) => Promise<Outcome>

export const Y = 'listed'
export const N = 'hidden'
export const row = (admin: Outcome[], manager: Outcome[], sales: Outcome[], support: Outcome[], marketing: Outcome[]) =>
  ({ admin, manager, sales, support, marketing }) as Row

export type MatrixUser = { id: string; teamId: string | null }

/** Registers beforeAll/afterAll that start an app with teams A and B and a user (and session) per role. */
export function permissionMatrix() {
  const users = {} as Record<Role | 'teammate' | 'outsider', MatrixUser>
  const as = {} as Record<Role, AuthHeaders>
  const m = {
    t: undefined as unknown as TestApp,
    api: undefined as unknown as ReturnType<typeof http>,
    teamA: '',
    teamB: '',
    users,
    as,
    get db() {
      return m.t.db
    },
    ownerOf: (role: Role, o: Ownership) => (o === 'own' ? users[role] : o === "teammate's" ? users.teammate : users.outsider),
    /** Who a re-assignment target names (null: nobody). */
    reassignee: (to: ReassignTarget) => (to === 'a teammate' ? users.teammate : to === 'another team' ? users.outsider : null),
  }
  beforeAll(async () => {
    m.t = await createTestApp()
    m.api = http(m.t)
    m.teamA = (await insertTeam(m.db)).id
    m.teamB = (await insertTeam(m.db)).id
    for (const role of ROLES) {
      users[role] = await insertUser(m.db, { role, teamId: m.teamA })
      as[role] = await sessionFor(m.t, users[role].id)
    }
    users.teammate = await insertUser(m.db, { role: 'sales', teamId: m.teamA })
    users.outsider = await insertUser(m.db, { role: 'sales', teamId: m.teamB })
  })
  afterAll(() => m.t.close())
  return m
}

const cells = (r: Row) => ROLES.flatMap((role) => OWNERSHIPS.map((ownership, i) => ({ role, ownership, expected: r[role][i]! })))

/** One describe per endpoint (`${endpoint} ${resource}`), one test per role × ownership of the `record` (its name in the titles). */
export function describeMatrix<E extends string>(resource: string, record: string, matrix: Record<E, Row>, probes: Record<E, Probe>) {
  for (const endpoint of Object.keys(matrix) as E[]) {
    describe(`${endpoint} ${resource}`, () => {
      for (const { role, ownership, expected } of cells(matrix[endpoint])) {
        it(`${role} × ${ownership} ${record} → ${expected}`, async () => {
          expect(await probes[endpoint](role, ownership)).toBe(expected)
        })
      }
    })
  }
}

// Re-assigning one's own record: [to a teammate, to a user of another team, to nobody (null)].
export const REASSIGN_TARGETS = ['a teammate', 'another team', 'nobody'] as const
export type ReassignTarget = (typeof REASSIGN_TARGETS)[number]
export const reassignCells = (r: Row) => ROLES.flatMap((role) => REASSIGN_TARGETS.map((to, i) => ({ role, to, expected: r[role][i]! })))
