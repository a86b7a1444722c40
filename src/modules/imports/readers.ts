import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { detectEncoding, decodeSample, sniffDelimiter } from './decode'
import { fileError } from './file-error'
import { textKind } from './file-kind'
import type { ByteSource } from './source'
import { readVcards } from './vcard'
import type { ImportLang } from './messages'
import { unreadableWorkbook } from './workbook-error'
import { measureInflated } from './zip-gate'
import { readCentralDirectory, sheetNames, type ZipEntry } from './zip-guard'

export interface FileInfo {
  format: 'csv' | 'xlsx' | 'vcard'
  encoding: string | null
  delimiter: string | null
  sheets: string[]
  sheet: string | null
}

/** One record of the file: its row number there (1-based, as a spreadsheet shows it) and its cells as text. */
export interface RawRecord {
  row: number
  cells: string[]
}

const XLSX_ROW_LIMIT = 1_048_576
const MAX_RECORD_CHARS = 1_000_000

/** Format, encoding, delimiter and sheets, from the first and last bytes only. */
export async function inspectFile(src: ByteSource, fileName: string, sheet?: string | null, lang: ImportLang = 'en'): Promise<FileInfo> {
  if (src.size === 0) throw fileError('The file is empty.')
  const head = await src.range(0, 65536)
  const isZip = head.readUInt32LE(0) === 0x04034b50
  if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0) throw fileError('Old Excel .xls files are not supported: save the sheet as .xlsx or CSV.')
  if (isZip || /\.xlsx$/i.test(fileName)) {
    const entries = await readCentralDirectory(src)
    await assertInflatesSafely(src, entries, lang)
    const sheets = await sheetNames(src, entries)
    if (sheets.length === 0) throw fileError('The workbook has no sheets.')
    if (sheet && !sheets.includes(sheet)) throw fileError(`The workbook has no sheet named "${sheet}" (it has: ${sheets.join(', ')}).`)
    return { format: 'xlsx', encoding: null, delimiter: null, sheets, sheet: sheet ?? sheets[0]! }
  }
  const encoding = detectEncoding(head)
  const text = decodeSample(head, encoding)
  if (text.replace(/^\uFEFF/, '').trim() === '') throw fileError('The file is empty.')
  // A binary file (a picture, a PDF) decodes to control characters.
  const controls = (text.slice(0, 4096).match(/[\u0000-\u0008\u000e-\u001f]/g) ?? []).length
  if (controls > 8) throw fileError('The file is not a CSV text file or an .xlsx workbook.')
  if (textKind(text) === 'vcard') return { format: 'vcard', encoding, delimiter: null, sheets: [], sheet: null }
  return { format: 'csv', encoding, delimiter: sniffDelimiter(text.replace(/^\uFEFF/, '')), sheets: [], sheet: null }
}

export function readRecords(src: ByteSource, info: FileInfo, lang: ImportLang = 'en'): AsyncGenerator<RawRecord> {
  return info.format === 'csv' ? readCsv(src, info) : info.format === 'vcard' ? readVcards(src, info.encoding) : readXlsx(src, info, lang)
}

/** Uploads already measured and found within bounds: a stored upload never changes, so once is enough. */
const measured = new Set<string>()

/**
 * Inflates the whole workbook once, counting, before the reader sees a byte of it: the reader
 * cannot be stopped cleanly half-way (its temporary files and streams would stay open).
 */
async function assertInflatesSafely(src: ByteSource, entries: ZipEntry[], lang: ImportLang) {
  if (src.id && measured.has(src.id)) return
  await measureInflated(src.stream(), { declared: new Map(entries.map((e) => [e.name, e.uncompressedSize])), lang })
  if (!src.id) return
  measured.add(src.id)
  if (measured.size > 1000) measured.delete(measured.values().next().value!)
}

async function* readCsv(src: ByteSource, info: FileInfo): AsyncGenerator<RawRecord> {
  const parser = Readable.from(src.stream())
    .pipe(iconv.decodeStream(info.encoding ?? 'utf-8'))
    .pipe(
      parse({
        delimiter: info.delimiter ?? ',',
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        max_record_size: MAX_RECORD_CHARS,
        info: true,
      }),
    )
  try {
    for await (const { record, info: at } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (record.every((c) => c.trim() === '')) continue
      yield { row: at.lines, cells: record }
    }
  } catch (err) {
    throw csvError(err)
  } finally {
    parser.destroy()
  }
}

function csvError(err: unknown) {
  const e = err as { code?: string; lines?: number; message?: string }
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') return fileError(`A quoted cell is never closed (an unterminated " starting near line ${e.lines ?? '?'}); nothing was imported.`)
  if (e.code === 'CSV_MAX_RECORD_SIZE') return fileError(`A row near line ${e.lines ?? '?'} is longer than ${MAX_RECORD_CHARS} characters (an unterminated quote?).`)
  if (e.code?.startsWith('CSV_')) return fileError(`The CSV cannot be read near line ${e.lines ?? '?'}: ${e.message ?? e.code}`)
  return err
}

async function* readXlsx(src: ByteSource, info: FileInfo, lang: ImportLang): AsyncGenerator<RawRecord> {
  await assertInflatesSafely(src, await readCentralDirectory(src), lang)
  const input = Readable.from(src.stream())
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  })
  try {
    let index = 0
    for await (const ws of reader as AsyncIterable<AsyncIterable<ExcelJS.Row> & { name: string }>) {
      const wanted = info.sheet === null ? index === 0 : ws.name === info.sheet
      index++
      if (!wanted) {
        // The zip is read in order: a sheet before the chosen one must be read through to reach it.
        for await (const _row of ws) void _row
        continue
      }
      for await (const row of ws) {
        if (row.number > XLSX_ROW_LIMIT) throw fileError('The sheet has more rows than Excel allows.')
        const values = row.values as unknown[]
        const cells: string[] = []
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]))
        if (cells.every((c) => c.trim() === '')) continue
        yield { row: row.number, cells }
      }
      return
    }
  } catch (err) {
    throw unreadableWorkbook(err, lang)
  } finally {
    input.destroy()
  }
}

/** The stored text of a cell: a formula's last computed value (never evaluated here), a rich text's plain text. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number') return String(v)
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (v instanceof Date) {
    const iso = v.toISOString()
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    if ('richText' in o && Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('')
    if ('formula' in o || 'sharedFormula' in o) return o.result !== undefined ? cellText(o.result) : `=${String(o.formula ?? '')}`
    if ('text' in o) return cellText(o.text)
    if ('error' in o) return ''
    // A text cell whose shared text table is missing: the workbook is damaged (readXlsx says so).
    if ('sharedString' in o) throw new Error('shared string without a shared text table')
  }
  return String(v)
}
