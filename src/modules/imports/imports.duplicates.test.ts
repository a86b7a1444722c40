import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertTeam, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { importApi } from './imports.test-support'

let t: TestApp
let api: ReturnType<typeof importApi>
let sales: AuthHeaders
let salesId: string

beforeAll(async () => {
  t = await createTestApp()
  api = importApi(t)
  const team = await insertTeam(t.db)
  salesId = (await insertUser(t.db, { role: 'sales', teamId: team.id })).id
  sales = await sessionFor(t, salesId)
})
afterAll(() => t.close())

const analyze = async (csv: string) => (await api.analyze(sales, 'customers', { name: 'd.csv', data: Buffer.from(csv) })).json()
const get = (url: string) => t.app.inject({ method: 'GET', url, headers: sales })

describe('rows skipped as duplicates are listed, not only counted', () => {
  it('in the dry run and the result: row, key, the record matched (or the earlier row), and in duplicates.csv', async () => {
    const existing = await insertCustomer(t.db, { name: 'Old Dup', email: 'old.dup@x.cn', ownerId: salesId })
    const csv = 'name,email\nNew Dup,OLD.DUP@x.cn\nFirst,first@x.cn\nFirst Again,first@x.cn\nFresh,fresh@x.cn\n'
    const expected = [
      { row: 2, key: 'old.dup@x.cn', existingId: existing.id, existingName: 'Old Dup', matchedRow: null },
      { row: 4, key: 'first@x.cn', existingId: null, existingName: 'First', matchedRow: 3 },
    ]
    const dry = await analyze(csv)
    const d = await api.run(sales, dry.id, { entity: 'customers', mode: 'skip-duplicates', dedupeBy: 'email', dryRun: true })
    expect(d).toMatchObject({ status: 'dry_run_done', counts: { created: 2, skipped: 2 }, duplicates: expected, duplicatesNext: null })

    const a = await analyze(csv)
    const s = await api.run(sales, a.id, { entity: 'customers', mode: 'skip-duplicates', dedupeBy: 'email' })
    expect(s).toMatchObject({ status: 'completed', counts: { created: 2, skipped: 2 }, duplicates: expected })

    const res = await get(`/api/v1/imports/${a.id}/duplicates.csv`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toContain('duplicates.csv')
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\n')
    expect(lines).toEqual([
      'Row / 行号,Key / 匹配值,Existing id / 已有记录 ID,Existing name / 已有记录名称,Repeats row / 重复的行,name,email',
      `2,old.dup@x.cn,${existing.id},Old Dup,,New Dup,OLD.DUP@x.cn`,
      '4,first@x.cn,,First,3,First Again,first@x.cn',
    ])
    const other = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/imports/${a.id}/duplicates.csv`, headers: other }), 404)
  })
})

describe('every row error is reachable from the status', () => {
  it('pages rowErrors by row number beyond the first 100, and refuses a bad page size', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => `,bad${i}@x.cn`).join('\n')
    const a = await analyze(`name,email\n${rows}\n`)
    const first = await api.run(sales, a.id, { entity: 'customers', dryRun: true })
    expect(first.rowErrors).toHaveLength(100)
    const seen: number[] = first.rowErrors.map((e: { row: number }) => e.row)
    let next = first.rowErrorsNext
    while (next !== null) {
      const page = (await get(`/api/v1/imports/${a.id}?errorsAfter=${next}&limit=70`)).json()
      seen.push(...page.rowErrors.map((e: { row: number }) => e.row))
      next = page.rowErrorsNext
    }
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i + 2))
    const all = (await get(`/api/v1/imports/${a.id}?limit=1000`)).json()
    expect([all.rowErrors.length, all.rowErrorsNext]).toEqual([250, null])
    expectProblem(await get(`/api/v1/imports/${a.id}?limit=5000`), 400)
    expectProblem(await get(`/api/v1/imports/${a.id}?page=2`), 400)
  })
})
