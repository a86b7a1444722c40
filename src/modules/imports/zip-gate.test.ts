import { constants as zlibConstants, deflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { importApi } from './imports.test-support'
import { INFLATE_LIMITS, measureInflated, type InflateMeter } from './zip-gate'
import { readCentralDirectory } from './zip-guard'

interface Part {
  name: string
  /** Raw deflate data, as stored. */
  deflated: Buffer
  /** What the headers claim it inflates to. */
  declared: number
  /** Sizes left out of the local header (flag bit 3) and given after the data instead. */
  descriptor?: boolean
  /** Left out of the central directory: a streaming reader still meets it. */
  hidden?: boolean
}

const part = (name: string, text: string): Part => ({ name, deflated: deflateRawSync(Buffer.from(text)), declared: Buffer.byteLength(text) })

/** A zip whose headers say what the test wants, whatever its data really inflates to. */
function zip(parts: Part[]) {
  const out: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const p of parts) {
    const name = Buffer.from(p.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(p.descriptor ? 8 : 0, 6); local.writeUInt16LE(8, 8)
    if (!p.descriptor) { local.writeUInt32LE(p.deflated.length, 18); local.writeUInt32LE(p.declared, 22) }
    local.writeUInt16LE(name.length, 26)
    const descriptor = Buffer.alloc(p.descriptor ? 16 : 0)
    if (p.descriptor) { descriptor.writeUInt32LE(0x08074b50, 0); descriptor.writeUInt32LE(p.deflated.length, 8); descriptor.writeUInt32LE(p.declared, 12) }
    out.push(local, name, p.deflated, descriptor)
    if (!p.hidden) {
      const cd = Buffer.alloc(46)
      cd.writeUInt32LE(0x02014b50, 0); cd.writeUInt16LE(20, 4); cd.writeUInt16LE(20, 6); cd.writeUInt16LE(8, 10)
      cd.writeUInt32LE(p.deflated.length, 20); cd.writeUInt32LE(p.declared, 24); cd.writeUInt16LE(name.length, 28); cd.writeUInt32LE(offset, 42)
      central.push(cd, name)
    }
    offset += 30 + name.length + p.deflated.length + descriptor.length
  }
  const cd = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(central.length / 2, 8); end.writeUInt16LE(central.length / 2, 10)
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16)
  return Buffer.concat([...out, cd, end])
}

/**
 * `mb` megabytes of sheet XML, small on disk: one megabyte deflated with a full flush (so the
 * next block needs nothing before it), repeated, then an empty final block.
 */
function deflatedSheet(mb: number) {
  const row = Buffer.from('<row><c t="inlineStr"><is><t>boom</t></is></c></row>'.repeat(Math.ceil(1048576 / 52)).slice(0, 1048576))
  const block = deflateRawSync(row, { level: 9, finishFlush: zlibConstants.Z_FULL_FLUSH })
  return Buffer.concat([...Array<Buffer>(mb).fill(block), deflateRawSync(Buffer.alloc(0))])
}

const workbookParts = () => [
  part('[Content_Types].xml', '<Types/>'),
  part('xl/workbook.xml', '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
]

/** The file in 64 KB pieces, counting how much of it was read. */
function pieces(file: Buffer, read: { bytes: number }) {
  return (async function* () {
    for (let at = 0; at < file.length; at += 65536) {
      read.bytes += Math.min(65536, file.length - at)
      yield file.subarray(at, at + 65536)
    }
  })()
}

async function measure(file: Buffer, lang: 'en' | 'zh-CN' = 'en') {
  const meter: InflateMeter = { total: 0, sharedStrings: 0 }
  const read = { bytes: 0 }
  const entries = await readCentralDirectory({ size: file.length, stream: () => pieces(file, { bytes: 0 }), range: async (s, e) => file.subarray(s, e) })
  const declared = new Map(entries.map((e) => [e.name, e.uncompressedSize]))
  const outcome = await measureInflated(pieces(file, read), { declared, lang, meter }).then(() => null, (err: Error) => err)
  return { meter, read, outcome }
}

const lyingSheet = deflatedSheet(510)

describe('what a workbook really inflates to is counted while it is inflated', () => {
  it('a part that declares 2 KB but inflates to 510 MB is refused within its first megabytes', async () => {
    const file = zip([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', deflated: lyingSheet, declared: 2048 }])
    expect(file.length).toBeLessThan(2 * 1024 * 1024)
    const { meter, read, outcome } = await measure(file)
    expect(outcome?.message).toMatch(/xl\/worksheets\/sheet1\.xml inflates to more than the 2048 bytes it declares: refused as a possible zip bomb/)
    // Stopped at the lie: one fed slice past 2 KB, nowhere near the 510 MB.
    expect(meter.total).toBeLessThan(20 * 1024 * 1024)
    expect(read.bytes).toBeLessThan(file.length / 4)
  })

  it('a part missing from the directory, sized only after its data, is held to the ratio bound', async () => {
    const file = zip([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', deflated: lyingSheet, declared: 0, descriptor: true, hidden: true }])
    const { meter, outcome } = await measure(file, 'zh-CN')
    expect(outcome?.message).toMatch(/sheet1\.xml 解压后是其存储大小的 250 倍以上：疑似 ZIP 炸弹/)
    expect(meter.total).toBeLessThan(40 * 1024 * 1024)
  })

  it('honest parts are held to the total bound', async () => {
    // Random-ish text compresses ~2×: 210 MB of it is under the ratio bound, over the total one.
    const noise = Buffer.from(Array.from({ length: 1 << 20 }, (_, i) => 97 + ((i * 2654435761) >>> 27)))
    const chunk = deflateRawSync(noise)
    const sheets = Array.from({ length: 3 }, (_, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, deflated: chunk, declared: noise.length }))
    const saved = INFLATE_LIMITS.maxTotal
    INFLATE_LIMITS.maxTotal = 2 * 1024 * 1024
    try {
      const { meter, outcome } = await measure(zip([...workbookParts(), ...sheets]))
      expect(outcome?.message).toMatch(/inflates to more than 2 MB: refused as a possible zip bomb/)
      expect(meter.total).toBeLessThan(3 * 1024 * 1024 + 65536)
    } finally {
      INFLATE_LIMITS.maxTotal = saved
    }
  })

  it('the shared text table is bounded in items, counted across chunk boundaries', async () => {
    const saved = INFLATE_LIMITS.maxSharedStrings
    INFLATE_LIMITS.maxSharedStrings = 50_000
    try {
      const items = 50_001
      const xml = `<sst>${Array.from({ length: items }, (_, i) => `<si><t>${i.toString(36)}</t></si>`).join('')}</sst>`
      const { meter, outcome } = await measure(zip([...workbookParts(), part('xl/sharedStrings.xml', xml)]))
      expect(outcome?.message).toMatch(/shared text table has more than 50000 entries/)
      expect(meter.sharedStrings).toBe(items)
    } finally {
      INFLATE_LIMITS.maxSharedStrings = saved
    }
  })

  it('a real workbook (sizes after the data, as ExcelJS writes them) measures exactly what its directory declares', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('客户')
    ws.addRow(['name', 'email'])
    for (let i = 0; i < 2000; i++) ws.addRow([`客户 ${i}`, `c${i}@example.cn`])
    const file = Buffer.from(await wb.xlsx.writeBuffer())
    const entries = await readCentralDirectory({ size: file.length, stream: () => pieces(file, { bytes: 0 }), range: async (s, e) => file.subarray(s, e) })
    const { meter, outcome } = await measure(file)
    expect(outcome).toBeNull()
    expect(meter.total).toBe(entries.reduce((n, e) => n + e.uncompressedSize, 0))
    expect(meter.sharedStrings).toBe(4002)
  })
})

describe('an upload that lies about its sizes is a 400 in the user’s language', () => {
  let t: TestApp
  let api: ReturnType<typeof importApi>
  let sales: AuthHeaders
  beforeAll(async () => {
    t = await createTestApp()
    api = importApi(t)
    sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
  })
  afterAll(() => t.close())

  it('refused at upload, nothing kept, in Chinese when the browser asks for it', async () => {
    const file = zip([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', deflated: lyingSheet, declared: 2048 }])
    const en = expectProblem(await api.analyze(sales, 'customers', { name: 'bomb.xlsx', data: file }), 400, ['file'])
    expect(en.errors![0]!.message).toMatch(/inflates to more than the 2048 bytes it declares: refused as a possible zip bomb/)
    const zh = expectProblem(await api.analyze({ ...sales, 'accept-language': 'zh-CN,zh;q=0.9' }, 'customers', { name: 'bomb.xlsx', data: file }), 400, ['file'])
    expect(zh.errors![0]!.message).toMatch(/解压后超过其声明的 2048 字节：疑似 ZIP 炸弹，已拒绝/)
    expect(await t.db.selectFrom('imports').select('id').execute()).toEqual([])
  })
})
