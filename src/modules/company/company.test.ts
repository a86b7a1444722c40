import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { MAX_LOGO_BYTES } from './company.schema'

const PNG_1PX = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

let t: TestApp
let admin: AuthHeaders
let sales: AuthHeaders
let adminId: string

beforeAll(async () => {
  t = await createTestApp()
  adminId = (await insertUser(t.db, { role: 'admin' })).id
  admin = await sessionFor(t, adminId)
  sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
})
afterAll(() => t.close())

const put = (payload: unknown, headers = admin) => t.app.inject({ method: 'PUT', url: '/api/v1/settings/company', headers, payload: payload as object })
const get = (headers = admin) => t.app.inject({ method: 'GET', url: '/api/v1/settings/company', headers })

describe('company profile', () => {
  it('starts empty, is set by an admin (audited), read by everyone', async () => {
    expect(json(await get(sales))).toMatchObject({ name: '', logo: null, quoteValidityDays: 30, updatedAt: null })
    const res = await put({ name: ' 杭州云杉软件有限公司 ', address: '杭州市西湖区', phone: '0571-88886666', email: 'Sales@Yunshan.CN', taxId: '91330100MA2XXXXX1X', logo: PNG_1PX, quoteValidityDays: 15 })
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res)).toMatchObject({ name: '杭州云杉软件有限公司', email: 'sales@yunshan.cn', logo: PNG_1PX, quoteValidityDays: 15, updatedAt: expect.any(String) })
    expect(json(await get(sales))).toEqual(json(res))
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entity', '=', 'company_profile').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]!.changes).toMatchObject({ logo: { before: null, after: '(image)' }, name: { after: '杭州云杉软件有限公司' } })
  })

  it('keeps fields left out, clears fields given as null', async () => {
    await put({ name: 'A', website: 'https://a.example', phone: '1' })
    const res = json(await put({ name: 'B', phone: null }))
    expect(res).toMatchObject({ name: 'B', website: 'https://a.example', phone: null })
  })

  it('refuses non-admins, bad fields, and logos that are not small PNG/JPEG images', async () => {
    expectProblem(await put({ name: 'X' }, sales), 403)
    expectProblem(await put({ name: '', email: 'nope', quoteValidityDays: 0, extra: 1 }), 400, ['name', 'email', 'quoteValidityDays', 'extra'])
    expectProblem(await put({ name: 'X', logo: 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=' }), 400, ['logo'])
    expectProblem(await put({ name: 'X', logo: `data:image/png;base64,${Buffer.from('GIF89a not a png').toString('base64')}` }), 400, ['logo'])
    const big = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(MAX_LOGO_BYTES)])
    const res = await put({ name: 'X', logo: `data:image/png;base64,${big.toString('base64')}` })
    expect([400, 413]).toContain(res.statusCode)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
  })
})
