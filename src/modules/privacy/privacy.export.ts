import { Readable } from 'node:stream'
import archiver from 'archiver'
import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import { csvRecord, neutralizeFormula } from '../../lib/csv-safe'
import type { PersonScope, Subject } from './privacy.scope'
import { SECTIONS, type Section } from './privacy.sections'

const PAGE = 500

type Row = Record<string, unknown>

/** One page of a section's rows after `after` (the key of the last row of the previous page). */
/** Opens the columns field encryption sealed, so the person reads his own data. */
export type OpenStored = (table: string, row: Row) => Promise<Row>

async function page(db: Executor, section: Section, scope: PersonScope, after: unknown[] | null, open: OpenStored): Promise<Row[]> {
  const key = sql.join(section.key.map((k) => sql.ref(k)))
  const past = after ? sql`AND (${key}) > (${sql.join(after)})` : sql``
  const { rows } = await sql<Row>`SELECT * FROM ${sql.table(section.table)} WHERE ${section.where(scope)} ${past} ORDER BY ${key} LIMIT ${PAGE}`
    .execute(db.withoutPlugins())
  return Promise.all(rows.map(async (r) => {
    for (const c of section.omit ?? []) delete r[c]
    return open(section.table, r)
  }))
}

async function* pages(db: Executor, section: Section, scope: PersonScope, open: OpenStored, count: (n: number) => void): AsyncGenerator<Row[]> {
  let after: unknown[] | null = null
  for (;;) {
    const rows = await page(db, section, scope, after, open)
    if (rows.length) yield rows
    count(rows.length)
    if (rows.length < PAGE) return
    const last = rows.at(-1)!
    after = section.key.map((k) => last[k])
  }
}

async function columnsOf(db: Executor, section: Section): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT column_name AS name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = ${section.table} ORDER BY ordinal_position`.execute(db.withoutPlugins())
  return rows.map((r) => r.name).filter((c) => !(section.omit ?? []).includes(c))
}

const toJson = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))

function csvCell(v: unknown): string | null {
  if (v === null || v === undefined) return null
  if (v instanceof Date) return v.toISOString()
  if (typeof v === 'string') return neutralizeFormula(v)
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v)
  return neutralizeFormula(toJson(v))
}

/** A JSON array written page by page: the file is valid JSON, and memory holds one page. */
function jsonFile(rows: AsyncIterable<Row[]>): Readable {
  return Readable.from((async function* () {
    let first = true
    yield '['
    for await (const p of rows) {
      let chunk = ''
      for (const r of p) {
        chunk += `${first ? '\n' : ',\n'}${toJson(r)}`
        first = false
      }
      yield chunk
    }
    yield first ? ']\n' : '\n]\n'
  })())
}

/** UTF-8 with BOM (Excel reads 中文), the table's columns as header, formula-safe text cells. */
function csvFile(columns: Promise<string[]>, rows: AsyncIterable<Row[]>): Readable {
  return Readable.from((async function* () {
    const cols = await columns
    yield `\uFEFF${csvRecord(cols)}`
    for await (const p of rows) yield p.map((r) => csvRecord(cols.map((c) => csvCell(r[c])))).join('')
  })())
}

/**
 * The ZIP of everything Kith holds about the person, streamed: the archive takes one entry at a
 * time and each entry reads its section page by page only when the archive asks for it, so a
 * person with many rows costs no more memory than one page. `manifest.json` comes last and counts
 * the rows each file holds (JSON and CSV hold the same rows).
 */
export function exportArchive(db: Executor, subject: Subject, scope: PersonScope, now: Date, open: OpenStored): Readable {
  const archive = archiver('zip', { zlib: { level: 6 } })
  const counts: Record<string, number> = {}
  for (const section of SECTIONS) {
    counts[section.file] = 0
    archive.append(jsonFile(pages(db, section, scope, open, (n) => (counts[section.file]! += n))), { name: `${section.file}.json`, date: now })
    archive.append(csvFile(columnsOf(db, section), pages(db, section, scope, open, () => {})), { name: `${section.file}.csv`, date: now })
  }
  const manifest = Readable.from((async function* () {
    yield `${JSON.stringify({
      subject: { kind: subject.kind, id: subject.id },
      generatedAt: now.toISOString(),
      rows: counts,
      attachments: 'Kith stores no files about a person: quote PDFs are made on request from the quotes included here.',
    }, null, 2)}\n`
  })())
  archive.append(manifest, { name: 'manifest.json', date: now })
  // Not awaited: the archive finishes as the client reads it; a failure surfaces as the stream's error.
  archive.finalize().catch((err: unknown) => archive.emit('error', err))
  return archive
}
