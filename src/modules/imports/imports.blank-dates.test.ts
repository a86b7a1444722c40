import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertTeam, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { importApi } from './imports.test-support'

let t: TestApp
let api: ReturnType<typeof importApi>
let manager: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  api = importApi(t)
  const teamId = (await insertTeam(t.db)).id
  manager = await sessionFor(t, (await insertUser(t.db, { role: 'manager', teamId })).id)
})
afterAll(() => t.close())

const csv = (tag: string) => `name,customer,created,expected close date\n${tag} A,Blank Co,2025-03-01,2026-06-30\n${tag} B,Blank Co,,\n${tag} C,Blank Co,,2026-07-31\n`
const analyze = async (tag: string) => (await api.analyze(manager, 'opportunities', { name: 'b.csv', data: Buffer.from(csv(tag)) })).json()
const deals = (tag: string) => t.db.selectFrom('opportunities').select(['name', 'createdAt', 'expectedCloseDate']).where('name', 'like', `${tag} %`).orderBy('name').execute()
const base = { entity: 'opportunities', createMissing: true }

describe('blank dates are counted and handled as the user chooses', () => {
  it('the dry run counts the rows with a blank date per field', async () => {
    const s = await api.run(manager, (await analyze('BD0')).id, { ...base, dryRun: true })
    expect(s).toMatchObject({ status: 'dry_run_done', blankDates: { createdAt: 2, expectedCloseDate: 1 } })
  })

  it('a fixed date fills them; reject makes the rows invalid', async () => {
    expect(await api.run(manager, (await analyze('BD1')).id, { ...base, blankDates: { createdAt: '2020-01-02', expectedCloseDate: 'empty' } })).toMatchObject({ status: 'completed', counts: { created: 3 } })
    const rows = await deals('BD1')
    // A date without a time is midnight in the company's zone (Asia/Shanghai until an admin sets one).
    const day = (d: Date | string) => new Date(d).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })
    expect(rows.map((r) => [r.name, day(r.createdAt), r.expectedCloseDate])).toEqual([
      ['BD1 A', '2025-03-01', '2026-06-30'],
      ['BD1 B', '2020-01-02', null],
      ['BD1 C', '2020-01-02', '2026-07-31'],
    ])
    const s = await api.run(manager, (await analyze('BD2')).id, { ...base, skipInvalid: true, blankDates: { createdAt: 'reject' } })
    expect(s).toMatchObject({ status: 'completed', counts: { created: 1, invalid: 2 } })
    expect(s.rowErrors).toEqual([
      { row: 3, errors: [{ path: 'createdAt', message: 'The date is empty' }] },
      { row: 4, errors: [{ path: 'createdAt', message: 'The date is empty' }] },
    ])
  })

  it('refuses a rule it could not apply: empty where the record needs a date, a field that is no date or has no column', async () => {
    const a = await analyze('BD3')
    const res = await t.app.inject({
      method: 'POST', url: `/api/v1/imports/${a.id}/start`, headers: manager,
      payload: { ...base, blankDates: { createdAt: 'empty', name: 'reject', closedAt: '2020-01-01' } },
    })
    expectProblem(res, 400, ['blankDates.createdAt', 'blankDates.name', 'blankDates.closedAt'])
    const bad = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/start`, headers: manager, payload: { ...base, blankDates: { createdAt: 'someday' } } })
    expectProblem(bad, 400)
  })
})
