import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { importApi, zip } from './imports.test-support'

/**
 * A damaged .xlsx is a clear 400 on `file` in the user's language, never the reader's own words
 * ("Cannot read properties of undefined", an XML parser's line:column) and never a 5xx.
 */
let t: TestApp
let api: ReturnType<typeof importApi>
let zhUser: AuthHeaders
let enUser: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  api = importApi(t)
  const zh = await insertUser(t.db, { role: 'sales' })
  const en = await insertUser(t.db, { role: 'sales' })
  await t.db.updateTable('users').set({ locale: 'zh-CN' }).where('id', '=', zh.id).execute()
  await t.db.updateTable('users').set({ locale: 'en' }).where('id', '=', en.id).execute()
  zhUser = await sessionFor(t, zh.id)
  enUser = await sessionFor(t, en.id)
})
afterAll(() => t.close())

const rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>'
const parts = (over: Record<string, string | null> = {}) => {
  const all: Record<string, string | null> = {
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/workbook.xml': '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="客户" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/sharedStrings.xml': '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>name</t></si><si><t>email</t></si><si><t>损坏测试</t></si><si><t>a@broken.cn</t></si></sst>',
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`,
    ...over,
  }
  return zip(Object.entries(all).flatMap(([name, text]) => (text === null ? [] : [{ name, data: Buffer.from(text) }])))
}

const good = parts()
const broken: [string, Buffer][] = [
  ['a truncated zip', good.subarray(0, Math.floor(good.length * 0.6))],
  ['a zip without a workbook', parts({ 'xl/workbook.xml': null })],
  ['broken XML in the sheet', parts({ 'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"<<>></row>' })],
  ['broken XML in the shared text', parts({ 'xl/sharedStrings.xml': '<sst><si><t>name</si></sst' })],
  ['text cells without their shared text table', parts({ 'xl/sharedStrings.xml': null })],
]

describe('a damaged workbook is a clear 400 in the user’s language', () => {
  it('a sound workbook of the same parts is read (the damage is what fails the others)', async () => {
    const res = await api.analyze(enUser, 'customers', { name: 'ok.xlsx', data: good })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ columns: ['name', 'email'], sampleRows: [['损坏测试', 'a@broken.cn']] })
  })

  it.each(broken)('%s', async (_label, data) => {
    const before = await t.db.selectFrom('imports').select('id').execute()
    for (const [as, language] of [[zhUser, /[\u4e00-\u9fff]/], [enUser, /^[\x20-\x7e]+$/]] as const) {
      const body = expectProblem(await api.analyze(as, 'customers', { name: 'broken.xlsx', data }), 400, ['file'])
      const message = body.errors![0]!.message
      expect(message).toMatch(language)
      expect(message).not.toMatch(/undefined|properties of|\d+:\d+:|Error/)
    }
    expect(await t.db.selectFrom('imports').select('id').execute()).toEqual(before)
  })
})
