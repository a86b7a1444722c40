import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertUser } from '../../test/factories'
import { bearer, expectProblem, http } from '../../test/http'
import { newId } from '../../lib/ids'
import { sha256 } from '../auth/tokens'
import { moduleOfPath } from './api-tokens.scopes'

let t: TestApp
let api: ReturnType<typeof http>
let sales: { id: string }
let asSales: AuthHeaders
let customer: { id: string }

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  sales = await insertUser(t.db, { role: 'sales' })
  asSales = await sessionFor(t, sales.id)
  customer = await insertCustomer(t.db, { ownerId: sales.id })
})
afterAll(() => t.close())

const tokenWith = async (scopes: string[] | undefined, as: AuthHeaders = asSales) => {
  const res = await api.post('/api/v1/api-tokens', { name: 'Scoped', ...(scopes ? { scopes } : {}) }, as)
  expect(res.statusCode, res.body).toBe(201)
  return json(res) as { token: { id: string; scopes: string[] }; secret: string }
}

describe('API token scopes', () => {
  it('a read-only token reads every module and writes none: 403 naming the missing scope', async () => {
    const { token, secret } = await tokenWith(['*:read'])
    expect(token.scopes).toEqual(['*:read'])
    expect((await api.get(`/api/v1/customers/${customer.id}`, bearer(secret))).statusCode).toBe(200)
    expect((await api.get('/api/v1/tickets', bearer(secret))).statusCode).toBe(200)
    const refused = expectProblem(await api.post('/api/v1/customers', { name: 'Nope' }, bearer(secret)), 403)
    expect(refused).toMatchObject({ code: 'INSUFFICIENT_SCOPE', requiredScope: 'customers:write' })
    expect(refused.detail).toContain('customers:write')
    expectProblem(await api.patch(`/api/v1/customers/${customer.id}`, { version: 1, name: 'Nope' }, bearer(secret)), 403)
    expect(await t.db.selectFrom('customers').select('name').where('name', '=', 'Nope').execute()).toEqual([])
  })

  it('per-module scopes: customers:write reads and writes customers only', async () => {
    const { secret } = await tokenWith(['customers:write'])
    expect((await api.post('/api/v1/customers', { name: 'Via scoped token' }, bearer(secret))).statusCode).toBe(201)
    expect((await api.get('/api/v1/customers', bearer(secret))).statusCode).toBe(200)
    expect(expectProblem(await api.get('/api/v1/contacts', bearer(secret)), 403).requiredScope).toBe('contacts:read')
    expect((await api.get('/api/v1/customers/export?format=csv', bearer(secret))).statusCode).toBe(200)
    expect(expectProblem(await api.get('/api/v1/contacts/export?format=csv', bearer(secret)), 403).requiredScope).toBe('contacts:read')
  })

  it('a token made without scopes, and every token made before scopes existed, keeps its user’s full access', async () => {
    const { token, secret } = await tokenWith(undefined)
    expect(token.scopes).toEqual(['*:write'])
    expect((await api.post('/api/v1/customers', { name: 'Full token' }, bearer(secret))).statusCode).toBe(201)
    // A row as the migration leaves an old token: no scopes written by the application.
    const old = 'kith_made-before-scopes-existed-0123456789abcdef'
    await t.db.insertInto('apiTokens').values({ id: newId(), userId: sales.id, name: 'Old', tokenHash: sha256(old), prefix: old.slice(0, 11) } as never).execute()
    expect((await api.post('/api/v1/customers', { name: 'Old token' }, bearer(old))).statusCode).toBe(201)
  })

  it('never more than the creator’s role: scopes the role cannot use are refused; a scope does not lift the role', async () => {
    expectProblem(await api.post('/api/v1/api-tokens', { name: 'x', scopes: ['users:write'] }, asSales), 400, ['scopes'])
    expectProblem(await api.post('/api/v1/api-tokens', { name: 'x', scopes: ['audit:read'] }, asSales), 400, ['scopes'])
    const { secret } = await tokenWith(['*:write'])
    expectProblem(await api.get('/api/v1/audit-log', bearer(secret)), 403)
    expectProblem(await api.post('/api/v1/users', { email: 'y@example.com', name: 'Y', role: 'admin', password: 'long enough pass' }, bearer(secret)), 403)
    const admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    expect((await tokenWith(['users:write'], admin)).token.scopes).toEqual(['users:write'])
  })

  it('a token making a token can only pass on scopes it holds', async () => {
    const { secret } = await tokenWith(['profile:write', 'customers:read'])
    expectProblem(await api.post('/api/v1/api-tokens', { name: 'wider', scopes: ['customers:write'] }, bearer(secret)), 400, ['scopes'])
    expectProblem(await api.post('/api/v1/api-tokens', { name: 'default' }, bearer(secret)), 400, ['scopes'])
    expect((await api.post('/api/v1/api-tokens', { name: 'narrower', scopes: ['customers:read'] }, bearer(secret))).statusCode).toBe(201)
  })

  it('every route of the API belongs to a scope module (a new route cannot be forgotten)', async () => {
    const doc = json(await t.app.inject({ method: 'GET', url: '/api/docs/json' }))
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/') && !p.startsWith('/api/v1/public/') && !p.startsWith('/api/v1/setup'))
    expect(paths.length).toBeGreaterThan(50)
    expect(paths.filter((p) => moduleOfPath(p) === null)).toEqual([])
    const create = doc.components.schemas.ApiTokenCreate.properties.scopes
    expect(create.items.enum).toEqual(expect.arrayContaining(['*:read', '*:write', 'customers:read', 'tickets:write']))
    expect(doc.components.securitySchemes.bearer.description).toContain('INSUFFICIENT_SCOPE')
  })
})
