import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertTeam, insertUser } from '../../test/factories'
import { importApi } from './imports.test-support'

let t: TestApp
let api: ReturnType<typeof importApi>
let sales: AuthHeaders

beforeAll(async () => {
  t = await createTestApp({ KITH_IMPORT_DRAFT_HOURS: '24' })
  api = importApi(t)
  sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales', teamId: (await insertTeam(t.db)).id })).id)
})
afterAll(() => t.close())

const analyze = async (csv: string, entity = 'customers') => {
  const res = await api.analyze(sales, entity, { name: 'rows.csv', data: Buffer.from(csv) })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}
const paths = (errors: { path: string }[]) => errors.map((e) => e.path).sort()

describe('every error of a row at once', () => {
  it('the preview and the job list all of a bad row’s problems, not only the first', async () => {
    // Row 2: a bad e-mail (read), a blank name (schema), a phone that is no number and an unknown owner.
    const csv = 'name,email,phone,owner\n,not-an-email,call me,nobody@nowhere.example\nGood Co,good@co.example,,\n'
    const a = await analyze(csv)
    const options = { entity: 'customers', invalidPhone: 'reject-row', mapping: { name: 'name', email: 'email', phone: 'phone', owner: 'owner' } }
    const preview = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/preview`, headers: sales, payload: options })
    expect(preview.statusCode, preview.body).toBe(200)
    const [bad, good] = preview.json().rows
    expect(paths(bad.errors)).toEqual(['email', 'name', 'owner', 'phone'])
    expect(good.errors).toEqual([])

    const s = await api.run(sales, a.id, options)
    // An invalid row not chosen to be skipped stops the import: the journal says every problem of it.
    expect(s.counts).toMatchObject({ invalid: 1 })
    expect(paths(s.rowErrors[0].errors)).toEqual(['email', 'name', 'owner', 'phone'])
  })

  it('a contact row with a bad value still names its missing customer only when it was looked up', async () => {
    const a = await analyze('name,email,customer\nAnn,bad-mail,\n', 'contacts')
    const preview = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/preview`, headers: sales, payload: { entity: 'contacts', mapping: { name: 'name', email: 'email', customer: 'customer' } } })
    expect(preview.statusCode, preview.body).toBe(200)
    expect(paths(preview.json().rows[0].errors)).toContain('email')
  })
})

describe('abandoned wizard attempts', () => {
  it('expire after the configured age with their stored file; started and recent ones stay', async () => {
    const old = await analyze('name\nOld Draft\n')
    const recent = await analyze('name\nRecent Draft\n')
    const started = await analyze('name\nStarted\n')
    await api.run(sales, started.id, { entity: 'customers' })
    const dayAgo = new Date(Date.now() - 25 * 3600_000)
    await t.db.updateTable('imports').set({ updatedAt: dayAgo }).where('id', 'in', [old.id, started.id]).execute()
    expect(await t.db.selectFrom('importChunks').select('importId').where('importId', '=', old.id).execute()).not.toEqual([])

    expect(await t.services.imports.expireDrafts()).toBe(1)

    const left = (await t.db.selectFrom('imports').select('id').where('id', 'in', [old.id, recent.id, started.id]).execute()).map((r) => r.id)
    expect(left.sort()).toEqual([recent.id, started.id].sort())
    expect(await t.db.selectFrom('importChunks').select('importId').where('importId', '=', old.id).execute()).toEqual([])
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/imports/${old.id}`, headers: sales })).statusCode).toBe(404)
    const history = (await t.app.inject({ method: 'GET', url: '/api/v1/imports', headers: sales })).json()
    expect(history.items.map((i: { id: string }) => i.id)).not.toContain(old.id)
  })
})
