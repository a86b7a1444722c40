import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertTeam, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { importApi } from './imports.test-support'
import { runCliImport } from './imports.cli'

let t: TestApp
let api: ReturnType<typeof importApi>
let sales: AuthHeaders

beforeAll(async () => {
  t = await createTestApp() // KITH_DEFAULT_REGION: CN
  api = importApi(t)
  sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales', teamId: (await insertTeam(t.db)).id })).id)
})
afterAll(() => t.close())

const phonesOf = async (table: 'customers' | 'leads', names: string[]) =>
  Object.fromEntries((await t.db.selectFrom(table).select(['name', 'phone']).where('name', 'in', names).execute()).map((r) => [r.name, r.phone]))
const analyze = async (entity: string, csv: string) => {
  const res = await api.analyze(sales, entity, { name: 'phones.csv', data: Buffer.from(csv) })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

describe('phones in imports', () => {
  it("a row's own country sets its phone's region; without one the file's region (default the server's) applies", async () => {
    const csv = [
      'Name,Phone,Country',
      'Acme US,(202) 555-0123,United States',
      'Acme US2,(202) 555-0124 x4715,USA',
      'Acme UK,020 7946 0958,UK',
      'Acme DE,030 901820,Deutschland',
      'Acme JP,03-1234-5678,日本',
      'Acme HK,2123 4567,香港',
      'Acme SG,6123 4567,Singapore',
      'Acme CN,010-6552 9988 转 12,中国',
      'Acme CN2,138 0013 8000,',
      'Acme Intl,+1-202-555-0125,中国',
      'Acme IDD,0044 20 7946 0959,',
    ].join('\n')
    const a = await analyze('customers', csv)
    expect(a.proposedMapping).toMatchObject({ Name: 'name', Phone: 'phone', Country: 'address.country' })
    expect(await api.run(sales, a.id, { entity: 'customers' })).toMatchObject({ status: 'completed', counts: { created: 11, invalid: 0 } })
    expect(await phonesOf('customers', ['Acme US', 'Acme US2', 'Acme UK', 'Acme DE', 'Acme JP', 'Acme HK', 'Acme SG', 'Acme CN', 'Acme CN2', 'Acme Intl', 'Acme IDD'])).toEqual({
      'Acme US': '+12025550123', 'Acme US2': '+12025550124;ext=4715', 'Acme UK': '+442079460958', 'Acme DE': '+4930901820', 'Acme JP': '+81312345678',
      'Acme HK': '+85221234567', 'Acme SG': '+6561234567', 'Acme CN': '+861065529988;ext=12', 'Acme CN2': '+8613800138000', 'Acme Intl': '+12025550125', 'Acme IDD': '+442079460959',
    })
  })

  it('a US number in a US file is never stored as +86: the file region, or the row, says US', async () => {
    // Without a region the file's numbers are read as Chinese: (759)812-4987 is a valid Chinese landline.
    const a = await analyze('leads', 'name,phone\nUS Lead 1,(202)812-4987\nUS Lead 2,(759)812-4987\n')
    const s = await api.run(sales, a.id, { entity: 'leads', region: 'US', skipInvalid: true })
    expect(s).toMatchObject({ status: 'completed', counts: { created: 1, invalid: 1 } })
    expect(s.rowErrors).toEqual([{ row: 3, errors: [{ path: 'phone', message: '"(759)812-4987" is not a valid number in United States (read as a United States number; write another country\'s number with its code, e.g. +44 or 0044)' }] }])
    expect(await phonesOf('leads', ['US Lead 1', 'US Lead 2'])).toEqual({ 'US Lead 1': '+12028124987' })

    // Leads have no address: a mapped country column still sets the region, row by row.
    const b = await analyze('leads', 'name,phone,country\nRow Lead US,(202) 812-4988,US\nRow Lead CN,010 6552 9989,CN\n')
    expect(b.proposedMapping).toMatchObject({ country: 'country' })
    expect(await api.run(sales, b.id, { entity: 'leads' })).toMatchObject({ status: 'completed', counts: { created: 2 } })
    expect(await phonesOf('leads', ['Row Lead US', 'Row Lead CN'])).toEqual({ 'Row Lead US': '+12028124988', 'Row Lead CN': '+861065529989' })
  })

  it('drop-phone keeps the row without its invalid phone and lists the value in the warnings', async () => {
    const csv = 'name,phone\nKeep Short,+1-202-555\nKeep Good,+44 20 7946 0960\nKeep Junk,call me\n'
    const a = await analyze('customers', csv)
    const options = { entity: 'customers', invalidPhone: 'drop-phone' }
    const preview = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/preview`, headers: sales, payload: options })
    expect(preview.statusCode, preview.body).toBe(200)
    expect(preview.json().rows.map((r: any) => [r.row, r.errors, r.warnings, r.values.phone])).toEqual([
      [2, [], [{ path: 'phone', message: 'Left out: "+1-202-555" is too short for a phone number in country code +1' }], null],
      [3, [], [], '+442079460960'],
      [4, [], [{ path: 'phone', message: expect.stringMatching(/^Left out: "call me" is not a phone number/) }], null],
    ])
    const s = await api.run(sales, a.id, options)
    expect(s).toMatchObject({ status: 'completed', counts: { created: 3, invalid: 0 }, rowErrors: [] })
    expect(s.rowWarnings).toEqual([
      { row: 2, errors: [{ path: 'phone', message: 'Left out: "+1-202-555" is too short for a phone number in country code +1' }] },
      { row: 4, errors: [{ path: 'phone', message: expect.stringContaining('"call me"') }] },
    ])
    expect(await phonesOf('customers', ['Keep Short', 'Keep Good', 'Keep Junk'])).toEqual({ 'Keep Short': null, 'Keep Good': '+442079460960', 'Keep Junk': null })

    // The default still rejects the row, saying why.
    const b = await analyze('customers', csv.replaceAll('Keep', 'Reject'))
    const r = await api.run(sales, b.id, { entity: 'customers', skipInvalid: true })
    expect(r).toMatchObject({ counts: { created: 1, invalid: 2 }, rowWarnings: [] })
    expect(r.rowErrors[0]).toEqual({ row: 2, errors: [{ path: 'phone', message: '"+1-202-555" is too short for a phone number in country code +1' }] })
  })

  it('refuses a region that is no country code', async () => {
    const a = await analyze('customers', 'name,phone\nX,1\n')
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/start`, headers: sales, payload: { entity: 'customers', region: 'XX' } }), 400, ['region'])
  })

  it('kith import takes the same choices: --region and --drop-invalid-phone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kith-phones-'))
    try {
      const file = join(dir, 'us.csv')
      writeFileSync(file, 'Name,Phone\nCli Good,(202) 555-0150 ext. 7\nCli Bad,555\n')
      const sink = { write: () => true, isTTY: false } as unknown as NodeJS.WriteStream
      const owner = await t.db.selectFrom('users').select('email').where('role', '=', 'sales').executeTakeFirstOrThrow()
      const code = await runCliImport(t.services, t.db, 'CN', 'customers', file, { mapping: 'auto', region: 'us', dropInvalidPhone: true, as: owner.email }, sink, sink)
      expect(code).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    expect(await phonesOf('customers', ['Cli Good', 'Cli Bad'])).toEqual({ 'Cli Good': '+12025550150;ext=7', 'Cli Bad': null })
  })
})
