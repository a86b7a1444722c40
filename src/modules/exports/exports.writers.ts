import { PassThrough, Readable, type Writable } from 'node:stream'
import { once } from 'node:events'
import ExcelJS from 'exceljs'
import { csvRecord, neutralizeFormula } from '../../lib/csv-safe'
import type { Cell, ExportColumn, Lookup } from './exports.columns'
import type { ZoneClock } from './exports.format'

export interface Sheet<R> {
  columns: ExportColumn<R>[]
  lookup: Lookup
  clock: ZoneClock
  title: string
  /** Pages of rows, read lazily: the next page is asked for only when the client took the last one. */
  pages: AsyncIterable<R[]>
}

const BOM = '\uFEFF'

function csvCell<R>(c: ExportColumn<R>, v: Cell, clock: ZoneClock): string | number | null {
  if (v === null || v === '') return null
  switch (c.type) {
    case 'timestamp': return clock.iso(v as string)
    case 'boolean': return v ? 'true' : 'false'
    case 'number': case 'money': case 'date': return v as string | number
    default: return neutralizeFormula(String(v))
  }
}

/**
 * UTF-8 with a BOM, so Excel opens 中文 correctly; CRLF line ends as RFC 4180 asks. Each page
 * becomes one chunk, pushed only when the consumer wants more, so memory holds one page whatever
 * the table's size.
 */
export function csvStream<R>(sheet: Sheet<R>): Readable {
  const { columns, lookup, clock } = sheet
  const header = columns.map((c) => neutralizeFormula(lookup.lang === 'en' ? c.en : c.zh))
  async function* generate() {
    yield BOM + csvRecord(header)
    for await (const page of sheet.pages) {
      let chunk = ''
      for (const row of page) chunk += csvRecord(columns.map((c) => csvCell(c, c.value(row, lookup), clock)))
      yield chunk
    }
  }
  return Readable.from(generate(), { objectMode: false })
}

const numFmt: Partial<Record<ExportColumn<unknown>['type'], string>> = {
  money: '#,##0.00',
  date: 'yyyy-mm-dd',
  timestamp: 'yyyy-mm-dd hh:mm:ss',
}

function xlsxCell<R>(c: ExportColumn<R>, v: Cell, clock: ZoneClock): string | number | boolean | Date | null {
  if (v === null || v === '') return null
  switch (c.type) {
    case 'timestamp': return clock.wall(v as string)
    case 'date': return new Date(`${v as string}T00:00:00Z`)
    // Money is a decimal string; a spreadsheet holds numbers as doubles, exact to 15 digits,
    // which numeric(18,2) amounts below a trillion are.
    case 'money': case 'number': return Number(v)
    // A text cell is never evaluated as a formula in XLSX: kept exactly, no apostrophe.
    default: return v
  }
}

/** Uncompressed sheet XML that may wait for the zip before the next page is written. */
const SHEET_BACKLOG = 4 * 1024 * 1024

/**
 * exceljs hands each chunk of sheet XML on to archiver's entry stream without heeding its
 * backpressure, so when deflating falls behind the rows (it does: the XML is ~10× the file), the
 * sheet piled up in memory — 600 MB of RSS for 330,000 rows. The entry stream's buffer is the one
 * place the backlog shows: wait for it to drain. (exceljs 4.4 internals: the sheet's StreamBuf
 * keeps its destinations in `pipes`; before archiver starts the entry there is none.)
 */
async function drainSheet(ws: ExcelJS.Worksheet) {
  const entry = (ws as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes?.[0] as (Writable & { _writableState?: { length: number } }) | undefined
  const backlog = entry ? (entry.writableLength ?? entry._writableState?.length ?? 0) : 0
  if (backlog > SHEET_BACKLOG) await once(entry!, 'drain')
}

/**
 * Streaming XLSX (exceljs WorkbookWriter, inline strings so no table of every string is held):
 * rows are committed as they come and the zip is written to the response as it grows.
 */
export function xlsxStream<R>(sheet: Sheet<R>): Readable {
  const out = new PassThrough()
  const { columns, lookup, clock } = sheet
  void (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true })
    const ws = workbook.addWorksheet(sheet.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.columns = columns.map((c) => ({
      header: lookup.lang === 'en' ? c.en : c.zh,
      key: c.key,
      width: c.width ?? 14,
      ...(numFmt[c.type] ? { style: { numFmt: numFmt[c.type] } } : {}),
    }))
    ws.getRow(1).font = { bold: true }
    ws.getRow(1).commit()
    for await (const page of sheet.pages) {
      for (const row of page) ws.addRow(columns.map((c) => xlsxCell(c, c.value(row, lookup), clock))).commit()
      // Wait while the zip or the client is slower than the database, instead of buffering the table.
      await drainSheet(ws)
      if (out.writableNeedDrain) await once(out, 'drain')
    }
    ws.commit()
    await workbook.commit()
  })().catch((err: unknown) => out.destroy(err as Error))
  return out
}
