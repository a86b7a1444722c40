import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertTeam, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { importApi } from './imports.test-support'

let t: TestApp
let api: ReturnType<typeof importApi>
let sales: AuthHeaders
let salesId: string
let teamId: string

beforeAll(async () => {
  t = await createTestApp()
  api = importApi(t)
  teamId = (await insertTeam(t.db)).id
  salesId = (await insertUser(t.db, { role: 'sales', teamId })).id
  sales = await sessionFor(t, salesId)
})
afterAll(() => t.close())

const fixture = (name: string) => ({ name, data: readFileSync(new URL(`./fixtures/${name}`, import.meta.url)) })
/** The line of the n-th BEGIN:VCARD (1-based): a card's row number. */
const cardLine = (name: string, n: number) =>
  fixture(name).data.toString('latin1').split('\n').map((l, i) => [l.trim(), i + 1] as const).filter(([l]) => l === 'BEGIN:VCARD')[n - 1]![1]

const COLUMNS = ['Name', 'Company', 'Title', 'Email', 'Phone', 'Other emails', 'Other phones']
const MAPPING = { Name: 'name', Company: 'customer', Title: 'title', Email: 'email', Phone: 'phone', 'Other emails': null, 'Other phones': null }

describe('vCard address books read as one row a card', () => {
  const cases: [string, string[][]][] = [
    ['iphone-3.0.vcf', [
      ['王小明', '北京星辰科技有限公司', '采购经理', 'wang.xiaoming@xingchen.example.cn', '+86 138 0013 8001', '', '010-6234 5678'],
      ['John Appleseed', 'Smith, Jones & Co.', 'Senior Engineer', 'john@smithjones.example.com', '+1 650-253-0000', 'johnny@icloud.example.com', '+1 650-253-0001'],
      ['妈妈', '', '', '', '139 0000 2222', '', ''],
    ]],
    ['android-2.1.vcf', [
      ['张三', '上海云海贸易有限公司', '销售经理', 'zhangsan@example.cn', '13900139000', '', '010-62345678'],
      ['欧阳娜娜（北京分公司华北大区渠道销售）', '上海云海贸易有限公司', '', 'ouyang.nana@yunhai.example.cn', '+86 137 0000 3333', '', ''],
    ]],
    ['outlook-2.1.vcf', [
      ['李娜', '上海云海贸易有限公司', '销售总监', 'li.na@yunhai.example.cn', '(021) 6234-5678', '', '139-0000-1111'],
    ]],
    ['gmail-3.0.vcf', [
      ['María García', 'Globex Corporation', 'CTO', 'maria.garcia@globex.example.com', '+34 612 34 56 78', 'maria@gmail.example.com', '+34 915 12 34 56'],
      ['Peter Gibbons', 'acme corporation', 'Engineer', 'peter@acme.example.com', '+86 186 0000 4444', '', ''],
    ]],
    ['v4.0.vcf', [
      ['Dr. Chen Jie', 'Initech', 'Director', 'chen.jie@initech.example.com', '+86-138-0013-8002', 'chen.home@example.org', '+86-21-6234-5679'],
      ['Michael Bolton', 'Initech', '', 'mbolton@initech.example.com', '', 'michael.bolton@initech.example.com', ''],
    ]],
  ]
  it.each(cases)('%s: names decoded, photo skipped, preferred e-mail and phone first, mapped to contact fields', async (name, rows) => {
    const res = await api.analyze(sales, 'contacts', fixture(name))
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ format: 'vcard', delimiter: null, headerRow: 0, columns: COLUMNS, proposedMapping: MAPPING, sampleRows: rows })
  })

  it('a UTF-16 export and a photo written on one 400 KB line read the same', async () => {
    const v4 = fixture('v4.0.vcf').data.toString('utf-8')
    const photo = `PHOTO;ENCODING=b;TYPE=JPEG:${'QUJD'.repeat(100_000)}`
    const text = v4.replace('ORG:Initech\nEMAIL;PREF=2', `${photo}\nORG:Initech\nEMAIL;PREF=2`)
    expect(text).toContain(photo)
    const data = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const res = await api.analyze(sales, 'contacts', { name: 'outlook.vcf', data })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ format: 'vcard', encoding: 'utf-16le', sampleRows: cases[4]![1] })
  })
})

describe('a vCard import', () => {
  it('creates contacts and their companies as customers (matched by name when they exist), with a dry run, error report and undo', async () => {
    const acme = await insertCustomer(t.db, { name: 'Acme Corporation', ownerId: salesId, teamId })
    const customers = async () => (await t.db.selectFrom('customers').select(['id', 'name']).where('deletedAt', 'is', null).orderBy('name').execute())

    const dry = (await api.analyze(sales, 'contacts', fixture('gmail-3.0.vcf'))).json()
    expect(await api.run(sales, dry.id, { entity: 'contacts', dryRun: true, createMissing: true })).toMatchObject({ status: 'dry_run_done', counts: { created: 2, invalid: 0 } })
    expect((await customers()).map((c) => c.name)).toEqual(['Acme Corporation'])

    for (const name of ['gmail-3.0.vcf', 'android-2.1.vcf', 'outlook-2.1.vcf', 'v4.0.vcf']) {
      const a = (await api.analyze(sales, 'contacts', fixture(name))).json()
      expect(await api.run(sales, a.id, { entity: 'contacts', createMissing: true }), name).toMatchObject({ status: 'completed', counts: { invalid: 0 } })
    }
    const all = await customers()
    // The three cards naming 上海云海贸易有限公司 share one customer; "acme corporation" is the existing Acme.
    expect(all.map((c) => c.name)).toEqual(['Acme Corporation', 'Globex Corporation', 'Initech', '上海云海贸易有限公司'])
    const byName = new Map(all.map((c) => [c.name, c.id]))
    const contacts = await t.db.selectFrom('contacts').select(['name', 'customerId', 'title', 'email', 'phone']).where('deletedAt', 'is', null).orderBy('email').execute()
    expect(contacts).toEqual([
      { name: 'Dr. Chen Jie', customerId: byName.get('Initech'), title: 'Director', email: 'chen.jie@initech.example.com', phone: '+8613800138002' },
      { name: '李娜', customerId: byName.get('上海云海贸易有限公司'), title: '销售总监', email: 'li.na@yunhai.example.cn', phone: '+862162345678' },
      { name: 'María García', customerId: byName.get('Globex Corporation'), title: 'CTO', email: 'maria.garcia@globex.example.com', phone: '+34612345678' },
      { name: 'Michael Bolton', customerId: byName.get('Initech'), title: null, email: 'mbolton@initech.example.com', phone: null },
      { name: '欧阳娜娜（北京分公司华北大区渠道销售）', customerId: byName.get('上海云海贸易有限公司'), title: null, email: 'ouyang.nana@yunhai.example.cn', phone: '+8613700003333' },
      { name: 'Peter Gibbons', customerId: acme.id, title: 'Engineer', email: 'peter@acme.example.com', phone: '+8618600004444' },
      { name: '张三', customerId: byName.get('上海云海贸易有限公司'), title: '销售经理', email: 'zhangsan@example.cn', phone: '+8613900139000' },
    ])

    // The same address book again: the cards are recognised by e-mail.
    const again = (await api.analyze(sales, 'contacts', fixture('gmail-3.0.vcf'))).json()
    expect(await api.run(sales, again.id, { entity: 'contacts', mode: 'skip-duplicates', dedupeBy: 'email' })).toMatchObject({ status: 'completed', counts: { created: 0, skipped: 2 } })

    // A card with no company cannot become a contact: it is reported at the line where it starts.
    const phone = (await api.analyze(sales, 'contacts', fixture('iphone-3.0.vcf'))).json()
    const s = await api.run(sales, phone.id, { entity: 'contacts', createMissing: true, skipInvalid: true })
    expect(s).toMatchObject({ status: 'completed', counts: { created: 2, invalid: 1 } })
    expect(s.rowErrors).toEqual([{ row: cardLine('iphone-3.0.vcf', 3), errors: expect.arrayContaining([{ path: 'customer', message: expect.any(String) }]) }])
    const report = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${phone.id}/errors.csv`, headers: sales })
    const lines = report.body.replace(/^\uFEFF/, '').trim().split('\n')
    expect(lines[0]).toBe(`Row / 行号,${COLUMNS.join(',')},Reason / 原因`)
    expect(lines[1]).toMatch(new RegExp(`^${cardLine('iphone-3.0.vcf', 3)},妈妈,,,,139 0000 2222,,,"?Customer: `))

    const undo = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${phone.id}/undo`, headers: sales })
    expect(undo.json()).toEqual({ removed: 4, restored: 0, notUndone: [] })
    expect((await customers()).map((c) => c.name)).not.toContain('北京星辰科技有限公司')
  })
})

describe('files that are not a table are refused', () => {
  const cases: [string, string, string, Buffer, RegExp][] = [
    ['a vCard sent as customers', 'customers', 'book.vcf', fixture('gmail-3.0.vcf').data, /vCard.*imports as contacts/],
    ['a vCard sent as leads', 'leads', 'book.vcf', fixture('v4.0.vcf').data, /vCard.*imports as contacts/],
    ['JSON', 'customers', 'export.json', Buffer.from('[\n  {"name": "Acme", "email": "a@acme.cn"}\n]\n'), /JSON/],
    ['a JSON object', 'contacts', 'export.csv', Buffer.from('{"customers":[{"name":"Acme"}]}'), /JSON/],
    ['an HTML table saved as .xls', 'customers', 'export.xls', Buffer.from('<html><body><table><tr><td>name</td></tr><tr><td>Acme</td></tr></table></body></html>'), /HTML or XML/],
    ['XML', 'customers', 'export.xml', Buffer.from('<?xml version="1.0"?>\n<customers><customer name="Acme"/></customers>\n'), /HTML or XML/],
    ['a calendar', 'leads', 'cal.ics', Buffer.from('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Call\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'), /iCalendar/],
  ]
  it.each(cases)('%s', async (_label, entity, name, data, message) => {
    const before = await t.db.selectFrom('imports').select('id').execute()
    const res = await api.analyze(sales, entity, { name, data })
    expectProblem(res, 400, ['file'])
    expect(res.json().detail).toMatch(message)
    expect(await t.db.selectFrom('imports').select('id').execute()).toHaveLength(before.length)
  })

  it('a CSV whose first header is in brackets is still a CSV', async () => {
    const res = await api.analyze(sales, 'customers', { name: 'b.csv', data: Buffer.from('[ID],Name\n1,Bracket Co\n') })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ format: 'csv', columns: ['[ID]', 'Name'] })
  })

  it('a vCard uploaded as contacts cannot be previewed or started as another entity', async () => {
    const a = (await api.analyze(sales, 'contacts', fixture('gmail-3.0.vcf'))).json()
    const preview = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/preview`, headers: sales, payload: { entity: 'leads' } })
    expectProblem(preview, 400, ['file'])
    const start = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/start`, headers: sales, payload: { entity: 'leads' } })
    expectProblem(start, 400, ['file'])
    expect((await api.status(sales, a.id)).status).toBe('ready')
  })
})
