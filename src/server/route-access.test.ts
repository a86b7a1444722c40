import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertTeam, insertUser } from '../test/factories'
import { ROLES, type Role } from '../test/permission-matrix'
import { OPERATIONS, PUBLIC, READ_ROLES } from '../test/route-access'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../test/test-app'

/**
 * Generated from the route table (the OpenAPI document): every operation is classified in
 * src/test/route-access.ts, refused to anonymous callers unless public, and its role-limited
 * reads refused to the other roles — so a new route cannot be forgotten.
 */
let t: TestApp
const as = {} as Record<Role, AuthHeaders>
let operations: string[] = []
const PREFIX = '/api/v1'
// Path parameters a request may carry: the first of an enum, else a well-formed id that names
// nothing (access is decided before, or without, finding a record).
const params = new Map<string, Record<string, string>>()
const url = (op: string) =>
  PREFIX + op.slice(op.indexOf(' ') + 1).replace(/\{([^}]+)\}/g, (_, name: string) => params.get(op)?.[name] ?? '01a25201-0000-7000-8000-000000000000')
type OpenApiOperation = { parameters?: { in: string; name: string; schema?: { enum?: string[] } }[] }
const method = (op: string) => op.slice(0, op.indexOf(' ')) as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

beforeAll(async () => {
  t = await createTestApp()
  const team = await insertTeam(t.db)
  for (const role of ROLES) as[role] = await sessionFor(t, (await insertUser(t.db, { role, teamId: team.id })).id)
  const doc = t.app.swagger() as { paths: Record<string, Record<string, OpenApiOperation>> }
  operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([m, o]) => {
    const op = `${m.toUpperCase()} ${path.slice(PREFIX.length)}`
    params.set(op, Object.fromEntries((o.parameters ?? []).filter((p) => p.in === 'path' && p.schema?.enum).map((p) => [p.name, p.schema!.enum![0]!])))
    return op
  }))
})
afterAll(() => t.close())

describe('the route table', () => {
  it('classifies every operation the API serves, and only those', () => {
    expect(operations.filter((op) => !(OPERATIONS as readonly string[]).includes(op)), 'add these to src/test/route-access.ts').toEqual([])
    expect(OPERATIONS.filter((op) => !operations.includes(op)), 'gone from the API: remove from src/test/route-access.ts').toEqual([])
  })

  it('refuses every non-public operation to an anonymous caller with 401, and never asks a public one to sign in', async () => {
    const wrong: string[] = []
    for (const op of OPERATIONS) {
      const res = await t.app.inject({ method: method(op), url: url(op), ...(method(op) === 'GET' ? {} : { payload: {} }) })
      const isPublic = PUBLIC.has(op)
      if (res.statusCode >= 500 || (isPublic ? res.statusCode === 401 : res.statusCode !== 401)) wrong.push(`${op} → ${res.statusCode}`)
      else if (!isPublic) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    }
    expect(wrong).toEqual([])
  })

  it('refuses each role-limited read to the roles it does not name (403), and lets those it names through', async () => {
    const wrong: string[] = []
    for (const [op, allowed] of Object.entries(READ_ROLES) as [string, Role[]][]) {
      for (const role of ROLES) {
        const { statusCode } = await t.app.inject({ method: 'GET', url: url(op), headers: as[role] })
        if (statusCode >= 500 || (allowed.includes(role) ? statusCode === 403 : statusCode !== 403)) wrong.push(`${op} as ${role} → ${statusCode}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('lets every role make every other signed-in read (which records it sees is the matrix tests’ job)', async () => {
    const wrong: string[] = []
    for (const op of OPERATIONS.filter((o) => method(o) === 'GET' && !PUBLIC.has(o) && !(o in READ_ROLES))) {
      for (const role of ROLES) {
        const { statusCode } = await t.app.inject({ method: 'GET', url: url(op), headers: as[role] })
        if (statusCode === 401 || statusCode === 403 || statusCode >= 500) wrong.push(`${op} as ${role} → ${statusCode}`)
      }
    }
    expect(wrong).toEqual([])
  })
})
