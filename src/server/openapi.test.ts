import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, type TestApp } from '../test/test-app'

let t: TestApp
let doc: any

beforeAll(async () => {
  t = await createTestApp()
  const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' })
  expect(res.statusCode).toBe(200)
  doc = json(res)
})
afterAll(() => t.close())

/**
 * Every route the server registered, read from Fastify's own route tree
 * (printRoutes with full paths), as `METHOD /path` with HEAD left out.
 */
function registeredRoutes(tree: string): string[] {
  const routes: string[] = []
  const stack: string[] = []
  for (const line of tree.split('\n')) {
    const m = line.match(/^([│ ├└─]*)(\S.*?)(?: \(([^)]+)\))?$/)
    if (!m) continue
    const depth = Math.floor([...m[1]!].length / 4)
    stack.length = depth
    stack.push(m[2]!)
    const path = stack.join('')
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      if (method !== 'HEAD') routes.push(`${method} ${path}`)
    }
  }
  return routes
}

// The contract as API.md describes it so far; a route added without an entry here fails the first test.
const EXPECTED = [
  'GET /api/v1/setup', 'POST /api/v1/setup',
  'POST /api/v1/auth/login', 'POST /api/v1/auth/logout', 'GET /api/v1/auth/me', 'PATCH /api/v1/auth/me', 'POST /api/v1/auth/password',
  'GET /api/v1/users', 'POST /api/v1/users', 'GET /api/v1/users/:id', 'PATCH /api/v1/users/:id', 'DELETE /api/v1/users/:id',
  'GET /api/v1/teams', 'POST /api/v1/teams', 'GET /api/v1/teams/:id', 'PATCH /api/v1/teams/:id', 'DELETE /api/v1/teams/:id',
  'GET /api/v1/api-tokens', 'POST /api/v1/api-tokens', 'DELETE /api/v1/api-tokens/:id',
  'GET /api/v1/customers', 'POST /api/v1/customers', 'GET /api/v1/customers/:id', 'PATCH /api/v1/customers/:id', 'DELETE /api/v1/customers/:id',
  'POST /api/v1/customers/:id/restore', 'POST /api/v1/customers/:id/merge', 'GET /api/v1/customers/:id/history',
  'GET /api/v1/contacts', 'POST /api/v1/contacts', 'GET /api/v1/contacts/:id', 'PATCH /api/v1/contacts/:id', 'DELETE /api/v1/contacts/:id',
  'POST /api/v1/contacts/:id/restore',
  'GET /api/v1/search', 'GET /api/v1/audit-log', 'GET /api/v1/audit-log/verifications/latest', 'POST /api/v1/audit-log/verifications',
  'GET /api/v1/pipeline-stages', 'POST /api/v1/pipeline-stages', 'POST /api/v1/pipeline-stages/reorder', 'GET /api/v1/pipeline-stages/:key',
  'PATCH /api/v1/pipeline-stages/:key', 'DELETE /api/v1/pipeline-stages/:key',
  'GET /api/v1/opportunities', 'POST /api/v1/opportunities', 'GET /api/v1/opportunities/board', 'POST /api/v1/opportunities/assign',
  'GET /api/v1/opportunities/:id', 'PATCH /api/v1/opportunities/:id', 'DELETE /api/v1/opportunities/:id',
  'POST /api/v1/opportunities/:id/restore', 'GET /api/v1/opportunities/:id/history',
  'GET /api/v1/leads', 'POST /api/v1/leads', 'GET /api/v1/leads/duplicates', 'POST /api/v1/leads/assign', 'GET /api/v1/leads/:id',
  'PATCH /api/v1/leads/:id', 'DELETE /api/v1/leads/:id', 'POST /api/v1/leads/:id/restore', 'GET /api/v1/leads/:id/duplicates',
  'POST /api/v1/leads/:id/convert', 'GET /api/v1/leads/:id/history', 'GET /api/v1/lead-routing', 'PUT /api/v1/lead-routing',
  'POST /api/v1/public/leads',
  'GET /api/v1/activities', 'POST /api/v1/activities', 'GET /api/v1/activities/:id', 'PATCH /api/v1/activities/:id',
  'DELETE /api/v1/activities/:id', 'POST /api/v1/activities/:id/restore', 'GET /api/v1/customers/:id/timeline',
]

describe('OpenAPI document', () => {
  it('reads the registered routes (sanity check of the route-tree reader)', () => {
    const routes = registeredRoutes(t.app.printRoutes({ commonPrefix: false }))
    expect(routes).toEqual(expect.arrayContaining(EXPECTED))
    expect(routes).toContain('GET /api/health')
  })

  it('is OpenAPI 3.1 and documents every route registered under /api/v1, and nothing else there', () => {
    expect(doc.openapi).toMatch(/^3\.1\./)
    expect(doc.info.title).toEqual(expect.any(String))
    const api = registeredRoutes(t.app.printRoutes({ commonPrefix: false })).filter((r) => r.split(' ')[1]!.startsWith('/api/v1/'))
    expect(api.length).toBeGreaterThanOrEqual(EXPECTED.length)
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    )
    expect(documented.filter((r) => r.includes('/api/v1/')).sort()).toEqual([...api].sort())
  })

  it('has the Customer schema as a component, and uses it for the customer routes', () => {
    const customer = doc.components.schemas.Customer
    expect(customer).toBeDefined()
    expect(customer.type).toBe('object')
    expect(Object.keys(customer.properties)).toEqual(
      expect.arrayContaining(['id', 'name', 'email', 'phone', 'tags', 'status', 'ownerId', 'version', 'createdAt', 'updatedAt', 'deletedAt']),
    )
    expect(customer.required).toEqual(expect.arrayContaining(['id', 'name', 'version']))
    for (const name of ['CustomerCreate', 'CustomerUpdate', 'Contact', 'User']) expect(doc.components.schemas[name], name).toBeDefined()
    const single = JSON.stringify(doc.paths['/api/v1/customers/{id}'].get.responses['200'])
    expect(single).toContain('#/components/schemas/Customer')
    const create = JSON.stringify(doc.paths['/api/v1/customers'].post.requestBody)
    expect(create).toContain('#/components/schemas/CustomerCreate')
  })

  it('documents path and query parameters', () => {
    const params = doc.paths['/api/v1/customers'].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)
    expect(params).toEqual(expect.arrayContaining(['query:q', 'query:limit', 'query:cursor', 'query:sort']))
    const idParam = doc.paths['/api/v1/customers/{id}'].patch.parameters.find((p: { name: string }) => p.name === 'id')
    expect(idParam).toMatchObject({ in: 'path', required: true })
  })

  it('documents the upload endpoints as multipart/form-data bodies, each field described, the file as binary', () => {
    const form = (path: string) => {
      const body = doc.paths[path].post.requestBody
      expect(Object.keys(body.content), path).toEqual(['multipart/form-data'])
      const schema = body.content['multipart/form-data'].schema
      return schema.$ref ? doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema
    }
    const upload = form('/api/v1/imports')
    expect(Object.keys(upload.properties).sort()).toEqual(
      ['createMissing', 'dayFirst', 'dedupeBy', 'dryRun', 'entity', 'file', 'invalidPhone', 'listId', 'mapping', 'mode', 'region', 'sheet', 'skipInvalid', 'timeZone', 'valueMapping'],
    )
    expect(upload.required.sort()).toEqual(['entity', 'file'])
    expect(upload.properties.file).toMatchObject({ type: 'string', format: 'binary' })
    expect(upload.properties.entity.enum).toContain('customers')
    expect(upload.properties.mode.enum).toEqual(['create', 'upsert', 'skip-duplicates'])
    for (const [name, field] of Object.entries(upload.properties as Record<string, { description?: string }>)) expect(field.description, name).toMatch(/\w{3}/)
    expect(upload.properties.mapping.description).toMatch(/JSON/)
    expect(upload.properties.dryRun.type, 'a form field is text').toBe('string')

    const analyze = form('/api/v1/imports/analyze')
    expect(Object.keys(analyze.properties).sort()).toEqual(['entity', 'file', 'listId', 'sheet'])
    expect(analyze.properties.file).toMatchObject({ type: 'string', format: 'binary' })
  })

  it('serves the interactive docs as HTML at /api/docs, without signing in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.body).toMatch(/swagger/i)
  })

  it('guards the docs pages like the app: a script policy without unsafe-inline, no framing', async () => {
    for (const url of ['/api/docs', '/api/docs/static/swagger-initializer.js']) {
      const csp = String((await t.app.inject({ method: 'GET', url })).headers['content-security-policy'] ?? '')
      expect(csp, url).toMatch(/script-src 'self'/)
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe-inline/)
      expect(csp, url).toContain("frame-ancestors 'none'")
      expect(csp, url).not.toContain('upgrade-insecure-requests')
    }
    // Over plain http (the tests' public URL) no HSTS: it would pin a developer's localhost to https.
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).headers['strict-transport-security']).toBeUndefined()
    const https = await createTestApp({ KITH_PUBLIC_URL: 'https://crm.example.com' })
    try {
      expect((await https.app.inject({ method: 'GET', url: '/api/v1/setup' })).headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    } finally {
      await https.close()
    }
  })
})
