import { afterAll, beforeAll, expect, it } from 'vitest'
import { insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'

/** Found by the fuzzer (docs/security.md): a multipart body the parser cannot read was a 500. */
let t: TestApp
let sales: AuthHeaders
beforeAll(async () => {
  t = await createTestApp()
  sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
})
afterAll(() => t.close())

const file = 'Content-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nname\r\nA\r\n'
const bodies: [string, string, string][] = [
  ['no boundary in the content type', 'multipart/form-data', 'garbage'],
  ['an empty boundary', 'multipart/form-data; boundary=', '--\r\n'],
  ['a body that never starts a part', 'multipart/form-data; boundary=x', 'garbage'],
  ['a part that is never closed', 'multipart/form-data; boundary=x', `--x\r\n${file}`],
  ['a part header without its blank line', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="entity"'],
  ['a malformed part header', 'multipart/form-data; boundary=x', '--x\r\nnot a header\r\n\r\ncustomers\r\n--x--\r\n'],
  ['a part without a name', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data\r\n\r\ncustomers\r\n--x--\r\n'],
]

it.each(['/api/v1/imports/analyze', '/api/v1/imports'])('%s: an unreadable multipart body is a 400, nothing stored', async (url) => {
  for (const [label, contentType, payload] of bodies) {
    const res = await t.app.inject({ method: 'POST', url, headers: { ...sales, 'content-type': contentType }, payload })
    expect(res.statusCode, `${label}: ${res.body}`).toBeGreaterThanOrEqual(400)
    expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(500)
    expectProblem(res, res.statusCode)
  }
  expect(await t.db.selectFrom('imports').select('id').execute()).toEqual([])
})
