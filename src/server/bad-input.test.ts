import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../test/test-app'
import { insertContact, insertCustomer, insertUser } from '../test/factories'
import { expectProblem, http, ids, type Res } from '../test/http'
import { encodeCursor } from '../lib/cursor'

/**
 * Whatever a client sends, the answer is a 4xx problem+json (with errors[] when a field is at
 * fault), never a 500, and a refused write leaves the database as it was.
 */
let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let customerId: string
let contactId: string
const someUuid = '0190a000-0000-7000-8000-000000000000'

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  customerId = (await insertCustomer(t.db, { name: 'Fixed customer' })).id
  contactId = (await insertContact(t.db, customerId, { name: 'Fixed contact' })).id
})
afterAll(() => t.close())

/** Everything a refused write could have touched. */
const snapshot = async () =>
  JSON.stringify({
    customers: await t.db.selectFrom('customers').selectAll().orderBy('id').execute(),
    contacts: await t.db.selectFrom('contacts').selectAll().orderBy('id').execute(),
    audit: await t.db.selectFrom('auditLog').select('id').orderBy('id').execute(),
  })

/** A 4xx problem+json, never a 5xx. */
function refused(res: Res, status?: number) {
  expect(res.statusCode, res.body.slice(0, 300)).toBeGreaterThanOrEqual(400)
  expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500)
  return expectProblem(res, status ?? res.statusCode)
}

const raw = (method: 'POST' | 'PATCH', url: string, payload: string | Buffer, contentType = 'application/json') =>
  t.app.inject({ method, url, payload, headers: { ...admin, 'content-type': contentType } })

const targets = [
  { label: 'POST /customers', method: 'POST', url: () => '/api/v1/customers', valid: () => ({ name: 'Valid' }), wrongTypes: { name: 123, tags: 'vip', address: 'Shanghai', status: 1, email: false }, wrongPaths: ['name', 'tags', 'address', 'status', 'email'] },
  { label: 'PATCH /customers/:id', method: 'PATCH', url: () => `/api/v1/customers/${customerId}`, valid: () => ({ version: 1, name: 'Valid' }), wrongTypes: { version: '1', name: ['x'], ownerId: 'me', description: 5 }, wrongPaths: ['version', 'name', 'ownerId', 'description'] },
  { label: 'POST /contacts', method: 'POST', url: () => '/api/v1/contacts', valid: () => ({ customerId, name: 'Valid' }), wrongTypes: { customerId: 42, name: null, isPrimary: 'yes', title: {} }, wrongPaths: ['customerId', 'name', 'isPrimary', 'title'] },
  { label: 'PATCH /contacts/:id', method: 'PATCH', url: () => `/api/v1/contacts/${contactId}`, valid: () => ({ version: 1, name: 'Valid' }), wrongTypes: { version: 0, email: 'not-an-email', phone: 13800138000 }, wrongPaths: ['version', 'email', 'phone'] },
] as const

describe.each(targets)('$label', (target) => {
  const send = (payload: string | Buffer, contentType?: string) => raw(target.method, target.url(), payload, contentType)
  const cases: [string, () => Promise<Res>, number, string[]?][] = [
    ['malformed JSON', () => send('{"name": "x",'), 400],
    ['a JSON array instead of an object', () => send('[]'), 400, ['(root)']],
    ['JSON null', () => send('null'), 400],
    ['an empty body', () => send(''), 400],
    ['unknown fields', () => send(JSON.stringify({ ...target.valid(), isAdmin: true, ownerName: 'x' })), 400, ['isAdmin', 'ownerName']],
    ['wrong types', () => send(JSON.stringify({ ...target.valid(), ...target.wrongTypes })), 400, [...target.wrongPaths]],
    ['a 10 MB body', () => send(JSON.stringify({ ...target.valid(), description: 'x'.repeat(10 * 1024 * 1024) })), 413],
    ['invalid UTF-8 bytes', () => send(Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')])), 400],
    ['a NUL character in a string', () => send('{"name":"a\\u0000b"}'), 400],
    ['a lone surrogate in a string', () => send('{"name":"\\ud800"}'), 400],
    ['a __proto__ key', () => send('{"name":"x","__proto__":{"role":"admin"}}'), 400],
    ['deeply nested JSON', () => send(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), 400],
    ['a form-encoded body', () => send('name=x', 'application/x-www-form-urlencoded'), 415],
    ['a text body', () => send('name=x', 'text/plain'), 400],
    ['an over-long name', () => send(JSON.stringify({ ...target.valid(), name: 'n'.repeat(201) })), 400, ['name']],
  ]
  it.each(cases)('%s → %i, database unchanged', async (_label, request, status, paths) => {
    const before = await snapshot()
    const res = await request()
    refused(res, status)
    if (paths) expectProblem(res, status, paths)
    expect(await snapshot()).toBe(before)
  })
})

describe('SQL and HTML metacharacters are plain text', () => {
  const NASTY = ["'; DROP TABLE customers; --", '<img src=x onerror=alert(1)>', '%_\\', 'Robert"); DELETE FROM users; --', '${7*7} {{7*7}}', '中文 🙂 ñ \t tab']

  it.each(NASTY)('%s round-trips unchanged through every text field of a customer and a contact', async (text) => {
    const res = await api.post('/api/v1/customers', {
      name: text, company: text, industry: text, source: text, description: text, tags: [text],
      address: { country: text, region: text, city: text, street: text, postalCode: text.slice(0, 20) },
    }, admin)
    expect(res.statusCode).toBe(201)
    const created = json(res)
    const expected = { name: text.trim(), company: text.trim(), industry: text.trim(), source: text.trim(), description: text.trim(), tags: [text.trim()] }
    expect(created).toMatchObject(expected)
    expect(json(await api.get(`/api/v1/customers/${created.id}`, admin))).toMatchObject(expected)
    const row = await t.db.selectFrom('customers').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject(expected)
    expect(row.address).toMatchObject({ city: text.trim(), street: text.trim() })

    const contact = await api.post('/api/v1/contacts', { customerId: created.id, name: text, title: text }, admin)
    expect(json(contact)).toMatchObject({ name: text.trim(), title: text.trim(), customerName: text.trim() })
    const patched = await api.patch(`/api/v1/customers/${created.id}`, { version: 1, company: `${text}!` }, admin)
    expect(json(patched).company).toBe(`${text.trim()}!`)
  })

  it('e-mail addresses and web sites with quotes and angle brackets round-trip too', async () => {
    const res = await api.post('/api/v1/customers', { name: 'Quotes', email: "o'brien_x+tag@example.com", website: "https://example.com/?q=<img src=x>'" }, admin)
    expect(json(res)).toMatchObject({ email: "o'brien_x+tag@example.com", website: "https://example.com/?q=<img src=x>'" })
    expectProblem(await api.post('/api/v1/customers', { name: 'Script', website: 'javascript:alert(1)' }, admin), 400, ['website'])
  })

  it('the tables are all still there', async () => {
    const tables = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('customers', 'users', 'contacts')`.execute(t.db)
    expect(tables.rows[0]!.n).toBe(3)
  })

  it('searching for them finds them, and LIKE wildcards match only themselves', async () => {
    const literal = await insertCustomer(t.db, { name: 'Wild %_% card' })
    const underscores = await insertCustomer(t.db, { name: 'Snake ___ case' })
    const backslash = await insertCustomer(t.db, { name: 'Back \\\\\\ slash' })
    await insertCustomer(t.db, { name: 'Plain abc corp' })
    const search = async (q: string, extra = '') => ids(await api.get(`/api/v1/customers?q=${encodeURIComponent(q)}&limit=200${extra}`, admin))
    for (const extra of ['', '&sort=name']) {
      expect(await search('%_%', extra)).toEqual([literal.id])
      expect(await search('___', extra)).toEqual([underscores.id])
      expect(await search('\\\\\\', extra)).toEqual([backslash.id])
      expect(await search('%%%', extra)).toEqual([])
    }
    const injected = await search("'; DROP TABLE customers; --")
    const injectedRow = await t.db.selectFrom('customers').select('id').where('name', '=', "'; DROP TABLE customers; --").executeTakeFirstOrThrow()
    expect(injected).toContain(injectedRow.id)
    const html = await search('<img src=x onerror')
    expect(html.length).toBeGreaterThan(0)
    expect(json(await api.get(`/api/v1/search?q=${encodeURIComponent('%_%')}`, admin)).items.map((i: { id: string }) => i.id)).toEqual([literal.id])
    expect(json(await api.get(`/api/v1/customers?tag=${encodeURIComponent('%_\\')}`, admin)).items).toHaveLength(1)
  })
})

describe('query strings and paths', () => {
  const cursorFor = (c: object) => Buffer.from(JSON.stringify(c)).toString('base64url')
  const badQueries: [string, string, string?][] = [
    ['NUL in q', '/api/v1/customers?q=%00'],
    ['a non-UTF-8 escape in q', '/api/v1/customers?q=%FF'],
    ['an encoded lone surrogate in q', '/api/v1/customers?q=%ED%A0%80'],
    ['NUL in tag', '/api/v1/customers?tag=a%00b'],
    ['NUL in a contact search', '/api/v1/contacts?q=%00'],
    ['NUL in global search', '/api/v1/search?q=%00'],
    ['a negative limit', '/api/v1/customers?limit=-1', 'limit'],
    ['a zero limit', '/api/v1/customers?limit=0', 'limit'],
    ['a huge limit', '/api/v1/customers?limit=99999999999999999999', 'limit'],
    ['a limit over 200', '/api/v1/contacts?limit=201', 'limit'],
    ['a fractional limit', '/api/v1/customers?limit=1.5', 'limit'],
    ['a non-numeric limit', '/api/v1/contacts?limit=ten', 'limit'],
    ['an empty limit', '/api/v1/customers?limit=', 'limit'],
    ['two limits', '/api/v1/customers?limit=1&limit=2', 'limit'],
    ['a garbage cursor', '/api/v1/customers?cursor=garbage', 'cursor'],
    ['a cursor of another sort', `/api/v1/customers?sort=name&cursor=${encodeCursor({ s: '-createdAt', v: new Date().toISOString(), id: someUuid })}`, 'cursor'],
    ['a forged cursor with a bad time', `/api/v1/customers?cursor=${encodeCursor({ s: '-createdAt', v: 'yesterday', id: someUuid })}`, 'cursor'],
    ['a forged cursor with an impossible date', `/api/v1/contacts?sort=createdAt&cursor=${encodeCursor({ s: 'createdAt', v: '2026-02-30T00:00:00.000Z', id: someUuid })}`, 'cursor'],
    ['a forged cursor with a NUL', `/api/v1/customers?sort=name&cursor=${cursorFor({ s: 'name', v: 'a\u0000', id: someUuid })}`, 'cursor'],
    ['a forged cursor with a bad id', `/api/v1/customers?sort=name&cursor=${cursorFor({ s: 'name', v: 'a', id: "1' OR '1'='1" })}`, 'cursor'],
    ['a forged cursor with a null value', `/api/v1/contacts?cursor=${cursorFor({ s: 'name', v: null, id: someUuid })}`, 'cursor'],
    ['an over-long cursor', `/api/v1/customers?cursor=${'A'.repeat(1001)}`, 'cursor'],
    ['a forged deleted-list cursor', `/api/v1/customers?deleted=true&cursor=${encodeCursor({ s: '-deletedAt', v: 'soon', id: someUuid })}`, 'cursor'],
    ['a forged audit cursor', `/api/v1/audit-log?cursor=${encodeCursor({ s: 'audit', v: 'not a time', id: someUuid })}`, 'cursor'],
    ['a forged history cursor', `/api/v1/customers/{customer}/history?cursor=${encodeCursor({ s: 'audit', v: 'not a time', id: someUuid })}`, 'cursor'],
    ['an unknown sort', '/api/v1/customers?sort=password', 'sort'],
    ['an unknown contact sort', '/api/v1/contacts?sort=-email', 'sort'],
    ['a sort with SQL', `/api/v1/customers?sort=${encodeURIComponent('name; DROP TABLE customers')}`, 'sort'],
    ['a bare minus sort', '/api/v1/customers?sort=-', 'sort'],
    ['a sort of another list', '/api/v1/customers?deleted=true&sort=name', 'sort'],
    ['an unknown filter', '/api/v1/customers?role=admin', 'role'],
    ['a bad enum filter', '/api/v1/customers?status=lost', 'status'],
    ['a bad boolean', '/api/v1/customers?deleted=maybe', 'deleted'],
    ['a bad customerId filter', '/api/v1/contacts?customerId=1', 'customerId'],
    ['an audit date out of range', '/api/v1/audit-log?from=0000-01-01', 'from'],
    ['an audit end date out of range', '/api/v1/audit-log?to=10000-01-01', 'to'],
    ['a malformed audit date', '/api/v1/audit-log?from=yesterday', 'from'],
    ['an invalid customer id', '/api/v1/customers/123', 'id'],
    ['an almost-UUID', '/api/v1/customers/0190a000-0000-7000-8000-00000000000g', 'id'],
    ['SQL in an id', `/api/v1/customers/${encodeURIComponent("1' OR '1'='1")}`, 'id'],
    ['an invalid contact id', '/api/v1/contacts/xyz', 'id'],
    ['an invalid id in history', '/api/v1/customers/xyz/history', 'id'],
    ['NUL in a path', '/api/v1/customers/%00'],
    ['a non-UTF-8 escape in a path', '/api/v1/customers/%FF'],
  ]

  it.each(badQueries)('%s → 400 problem', async (_label, url, path) => {
    const res = await api.get(url.replace('{customer}', customerId), admin)
    refused(res, 400)
    if (path) expectProblem(res, 400, [path])
  })

  it.each([
    ['PATCH', `/api/v1/customers/xyz`, { version: 1 }],
    ['DELETE', `/api/v1/customers/xyz`, undefined],
    ['POST', `/api/v1/customers/xyz/restore`, undefined],
    ['POST', `/api/v1/customers/xyz/merge`, { sourceId: someUuid }],
    ['PATCH', `/api/v1/contacts/${encodeURIComponent("'; --")}`, { version: 1 }],
    ['DELETE', `/api/v1/contacts/xyz?purge=true`, undefined],
    ['DELETE', `/api/v1/customers/${someUuid}?purge=yes-please`, undefined],
  ] as const)('%s %s with a bad id or flag → 400, database unchanged', async (method, url, payload) => {
    const before = await snapshot()
    refused(await t.app.inject({ method, url, headers: admin, ...(payload ? { payload } : {}) }), 400)
    expect(await snapshot()).toBe(before)
  })

  it('an unknown API route is a 404 problem, signed in or not', async () => {
    expect(expectProblem(await api.get('/api/v1/nope'), 404).code).toBe('NOT_FOUND')
    expectProblem(await api.get('/api/v1/nope', admin), 404)
    expectProblem(await api.post('/api/v1/customers/x/y/z', {}, admin), 404)
  })

  it('strange but valid text in queries is searched for, not refused', async () => {
    for (const q of ['100%', "O'Brien", '"quoted"', '\\', '_', '🙂', '   ', 'a'.repeat(200)]) {
      const res = await api.get(`/api/v1/customers?q=${encodeURIComponent(q)}`, admin)
      expect(res.statusCode, q).toBe(200)
      expect((await api.get(`/api/v1/contacts?q=${encodeURIComponent(q)}&sort=name`, admin)).statusCode, q).toBe(200)
    }
  })
})

describe('no 500 for odd values in any customer field', () => {
  const ODD = ['', ' ', '\u200b', '\u202e', '🙂'.repeat(50), 'x'.repeat(10_000), '0', '-1', 'null', 'true', '[]', '{}', '\\u0000', '\r\n']
  const FIELDS = ['name', 'email', 'phone', 'company', 'website', 'industry', 'source', 'description', 'status', 'type', 'ownerId']
  it('every field × every odd value: 201 or a 4xx problem, never a 5xx', async () => {
    for (const field of FIELDS) {
      for (const value of ODD) {
        const res = await api.post('/api/v1/customers', { name: 'Odd', [field]: value }, admin)
        expect(res.statusCode, `${field}=${JSON.stringify(value).slice(0, 40)}: ${res.body.slice(0, 200)}`).toBeLessThan(500)
        if (res.statusCode >= 400) expectProblem(res, res.statusCode, [field])
      }
    }
  })
})
