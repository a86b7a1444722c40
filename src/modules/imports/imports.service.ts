import type { EncryptionService } from '../encryption/encryption.service'
import type { Db } from '../../db/database'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { newId } from '../../lib/ids'
import type { RequestContext } from '../../server/context'
import { AppError, fieldError, validationError } from '../../server/errors'
import type { Jobs } from '../../server/jobs'
import { canCreateOwned } from '../../server/permissions'
import { importLocale, processBatch } from './batch'
import { fileError, localizeFileError } from './file-error'
import { assertFormatFits } from './file-kind'
import * as repo from './imports.repository'
import { recordAudit } from '../audit/audit.service'
import {
  importOptionsSchema, type ImportAnalysis, type ImportEntity, type ImportField, type ImportListQuery, type ImportOptions, type ImportOptionsInput, type ImportPreview, type ImportStatus, type ImportStatusQuery,
} from './imports.schema'
import { columnNames, detectHeader, proposeValueMapping, suggestMapping } from './mapping'
import { PROFILE_ROWS, Profiler } from './profile'
import { checkBlankDates, checkMapping, checkValueMapping, makePlan, prepareRow } from './prepare'
import { inspectFile, readRecords, type RawRecord } from './readers'
import { CHUNK_SIZE, chunkSource } from './source'
import { fieldsOf } from './targets'
import { toStatus } from './imports.status'
import { runImport } from './imports.job'
import { listForImport } from './list-members'
import { assertListAccess } from '../mailing-lists/mailing-lists.service'
import { issueLine, langFromHeader, type ImportLang } from './messages'

export const IMPORT_JOB = 'import'
const SAMPLE_ROWS = 20
/** Below every row number (customers created for missing references are journaled at negated rows). */
const FIRST_ROW = -2147483648

export interface ImportDeps {
  db: Db
  jobs: Jobs
  defaultRegion: string
  encryption?: EncryptionService
  /** Largest upload accepted (bytes). */
  maxBytes?: number
  /** Hours after which an attempt analysed but never started expires (KITH_IMPORT_DRAFT_HOURS, default 24). */
  draftHours?: number
}

/** The hourly sweep of abandoned wizard attempts. */
export const IMPORT_DRAFTS_JOB = 'imports.expire-drafts'

/** 1 GiB: a bigger export is better split (or loaded with `kith import`, which reads from disk the same way). */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024

/** Who may import what: marketing brings in leads; list members whoever manages lists; the other roles whatever they may create. */
export function assertMayImport(ctx: RequestContext, entity: ImportEntity) {
  if (entity === 'mailing-list-members') return assertListAccess(ctx.actor, 'write')
  if (entity === 'leads') return
  if (entity === 'users') {
    if (ctx.actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins import users')
    return
  }
  // The catalog is kept by admins and managers (as in the products module).
  if (entity === 'products' && ctx.actor.role !== 'admin' && ctx.actor.role !== 'manager') throw new AppError('FORBIDDEN', 'Only admins and managers import products')
  if (!canCreateOwned(ctx.actor)) throw new AppError('FORBIDDEN', `Your role cannot import ${entity}`)
}

export type ImportRow = NonNullable<Awaited<ReturnType<typeof repo.findImport>>>

export function createImportService(deps: ImportDeps) {
  const { db, jobs } = deps
  // Retried jobs resume after the last committed batch; an hour without finishing counts as a crash.
  jobs.define<{ id: string }>(IMPORT_JOB, (data) => runImport({ db, defaultRegion: deps.defaultRegion, encryption: deps.encryption }, data.id), { retryLimit: 5, retryDelaySeconds: 5, expireInSeconds: 3600 })

  /**
   * Abandoned wizard attempts (analysed, never started) leave the history after `draftHours`,
   * their stored upload deleted with them, in batches so a backlog holds no long lock.
   */
  async function expireDrafts(now: Date = new Date()): Promise<number> {
    const before = new Date(now.getTime() - (deps.draftHours ?? 24) * 3600_000)
    let total = 0
    for (;;) {
      const gone = await repo.deleteDrafts(db, before, 100)
      total += gone.length
      if (gone.length < 100) return total
    }
  }
  jobs.define(IMPORT_DRAFTS_JOB, async () => void (await expireDrafts()), { policy: 'singleton', retryLimit: 2, expireInSeconds: 15 * 60, cron: '23 * * * *' })

  async function mine(ctx: RequestContext, id: string): Promise<ImportRow> {
    const row = await repo.findImport(db, id)
    if (!row || (row.createdBy !== ctx.actor.userId && ctx.actor.role !== 'admin')) throw new AppError('IMPORT_NOT_FOUND')
    return row
  }

  /** The header and the first data rows, read from the stored upload. */
  async function head(row: ImportRow, lang: ImportLang) {
    const src = chunkSource(db, row.id, row.size)
    const info = { format: row.format, encoding: row.encoding, delimiter: row.delimiter, sheets: [], sheet: row.sheet }
    const records: RawRecord[] = []
    for await (const rec of readRecords(src, info, lang)) {
      records.push(rec)
      if (records.length >= 10 + SAMPLE_ROWS) break
    }
    return records
  }

  /**
   * The first data rows, and the profile of the columns over up to PROFILE_ROWS of them, read as
   * a stream: what the mapping suggestions and the value mapping of choice fields rest on.
   */
  async function survey(row: ImportRow, entity: ImportEntity, fields: ImportField[], lang: ImportLang) {
    const src = chunkSource(db, row.id, row.size)
    const info = { format: row.format, encoding: row.encoding, delimiter: row.delimiter, sheets: [], sheet: row.sheet }
    const sample: RawRecord[] = []
    const profiler = new Profiler(row.columns.length)
    for await (const rec of readRecords(src, info, lang)) {
      if (rec.row <= row.headerRow) continue
      if (sample.length < SAMPLE_ROWS) sample.push(rec)
      profiler.add(rec.cells)
      if (profiler.rows >= PROFILE_ROWS) break
    }
    const suggestions = suggestMapping(row.columns, profiler.profiles, fields, entity)
    const mapping = Object.fromEntries(row.columns.map((c) => [c, suggestions[c]!.field]))
    return { sample, profiles: profiler.profiles, profiledRows: profiler.rows, suggestions, mapping }
  }

  /** The language of refusals and row messages: asked for, else the user's own, else his browser's. */
  async function langOf(ctx: RequestContext, asked: ImportLang | undefined, acceptLanguage?: string): Promise<ImportLang> {
    return asked ?? (await repo.userLocale(db, ctx.actor.userId)) ?? langFromHeader(acceptLanguage) ?? 'en'
  }

  /** Everything wrong with a mapping before any row is read: required fields, value mapping, blank-date choices. */
  function mappingIssues(row: ImportRow, fields: ImportField[], mapping: Record<string, string | null>, options: ImportOptions, lang: ImportLang) {
    return [...checkMapping(row.columns, fields, mapping, options.entity, lang), ...checkValueMapping(fields, mapping, options, lang), ...checkBlankDates(fields, mapping, options.blankDates, lang)]
  }

  async function analysis(row: ImportRow, sheets: string[], lang: ImportLang): Promise<ImportAnalysis> {
    const entity = row.entity as ImportEntity
    const fields = fieldsOf(entity, await repo.stagesForImport(db))
    const s = await survey(row, entity, fields, lang)
    return {
      id: row.id, entity, fileName: row.fileName, size: row.size, format: row.format, encoding: row.encoding, delimiter: row.delimiter,
      sheets, sheet: row.sheet, headerRow: row.headerRow, columns: row.columns, fields, proposedMapping: s.mapping, suggestions: s.suggestions, profiledRows: s.profiledRows,
      proposedValueMapping: proposeValueMapping(s.mapping, row.columns, s.profiles, fields), sampleRows: s.sample.map((r) => r.cells),
    }
  }

  /** Every journal row of one outcome, read page by page in row order. */
  // A sealed entity's journal keeps the file's cells sealed (field encryption): opened to be shown.
  const openJournal = <T extends Parameters<EncryptionService['openJournal']>[0]>(rows: T[]) =>
    deps.encryption ? Promise.all(rows.map((r) => deps.encryption!.openJournal(r))) : Promise.resolve(rows)

  async function* journal(id: string, outcome: 'invalid' | 'duplicate') {
    let after = FIRST_ROW
    for (;;) {
      const page = await openJournal(await repo.journalPage(db, id, [outcome], after, 1000))
      yield* page
      if (page.length < 1000) return
      after = page.at(-1)!.rowNumber
    }
  }

  return {
    expireDrafts,
    /**
     * Stores the upload chunk by chunk as it arrives (never the whole file in memory), then
     * detects format, encoding, delimiter, sheets and header. A file that cannot be read is a 400.
     */
    async upload(ctx: RequestContext, input: { entity: ImportEntity; fileName: string; sheet?: string; listId?: string; data: AsyncIterable<Buffer>; acceptLanguage?: string }): Promise<ImportAnalysis> {
      assertMayImport(ctx, input.entity)
      // The list is chosen again at preview and start; one named with the upload is checked before the file is stored.
      if (input.listId !== undefined) {
        if (input.entity !== 'mailing-list-members') throw fieldError('listId', 'Only mailing-list-members imports go into a list')
        await listForImport(db, ctx, input.listId, { lock: false })
      }
      const id = newId()
      await repo.insertImport(db, { id, entity: input.entity, fileName: input.fileName.slice(0, 300), format: 'csv', createdBy: ctx.actor.userId, options: null, columns: '[]', status: 'analyzing' })
      try {
        let size = 0
        let seq = 0
        let pending = Buffer.alloc(0)
        for await (const piece of input.data) {
          size += piece.length
          const max = deps.maxBytes ?? MAX_IMPORT_BYTES
          if (size > max) throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${Math.round(max / 1048576)} MB; split it into smaller files.`)
          pending = pending.length ? Buffer.concat([pending, piece]) : Buffer.from(piece)
          // Fixed-size chunks: a byte's chunk is offset / CHUNK_SIZE, so ranges are read without an index.
          while (pending.length >= CHUNK_SIZE) {
            await repo.insertChunk(db, id, seq++, pending.subarray(0, CHUNK_SIZE))
            pending = pending.subarray(CHUNK_SIZE)
          }
        }
        if (pending.length) await repo.insertChunk(db, id, seq++, pending)
        const src = chunkSource(db, id, size)
        const lang = await langOf(ctx, undefined, input.acceptLanguage)
        const info = await inspectFile(src, input.fileName, input.sheet, lang)
        assertFormatFits(info.format, input.entity)
        await repo.updateImport(db, id, { size, format: info.format, encoding: info.encoding, delimiter: info.delimiter, sheet: info.sheet })
        const records = await head({ ...(await repo.findImport(db, id))! }, lang)
        if (records.length === 0) throw fileError('The file has no rows.')
        const headerIndex = detectHeader(records)
        const header = records[headerIndex]!
        if (records.length === headerIndex + 1) throw fileError('The file has a header row but no data rows.')
        await repo.updateImport(db, id, { headerRow: header.row, columns: JSON.stringify(columnNames(header.cells)), status: 'ready' })
        return analysis((await repo.findImport(db, id))!, info.sheets, lang)
      } catch (err) {
        await repo.deleteImport(db, id)
        throw localizeFileError(err, await langOf(ctx, undefined, input.acceptLanguage))
      }
    },

    async analysis(ctx: RequestContext, id: string, acceptLanguage?: string): Promise<ImportAnalysis> {
      const row = await mine(ctx, id)
      const lang = await langOf(ctx, undefined, acceptLanguage)
      const info = await inspectFile(chunkSource(db, id, row.size), row.fileName, row.sheet, lang)
      return analysis(row, info.sheets, lang)
    },

    /** The first rows as they would be stored with these options, and what is wrong with them. */
    async preview(ctx: RequestContext, id: string, input: ImportOptionsInput, acceptLanguage?: string): Promise<ImportPreview> {
      const row = await mine(ctx, id)
      const parsed = importOptionsSchema.parse(input)
      assertMayImport(ctx, parsed.entity)
      assertFormatFits(row.format, parsed.entity)
      const options = { ...parsed, lang: await langOf(ctx, parsed.lang, acceptLanguage) }
      const stages = await repo.stagesForImport(db)
      const fields = fieldsOf(options.entity, stages)
      const { sample: records, mapping: proposed, suggestions } = await survey(row, options.entity, fields, options.lang)
      const issues = mappingIssues(row, fields, options.mapping ?? proposed, options, options.lang)
      if (issues.length) throw validationError(issues)
      const plan = makePlan(row.columns, fields, options, proposed)
      const prepared = records.map((r) => prepareRow(plan, r))
      const locale = await importLocale(db, options)
      const results = await processBatch({ exec: db, ctx, entity: options.entity, options, stages, defaultRegion: deps.defaultRegion, encryption: deps.encryption, ...locale, importId: id, write: false }, prepared)
      return {
        suggestions,
        rows: results.map((r, i) => ({
          row: r.row,
          values: { ...r.record, ...pick(prepared[i]!.values, ['owner', 'customer']) },
          errors: r.errors,
          warnings: r.warnings ?? [],
        })),
      }
    },

    /** Queues the job (validate every row, then write) in the transaction that records the options. */
    async start(ctx: RequestContext, id: string, input: ImportOptionsInput, opts: { enqueue?: boolean; acceptLanguage?: string } = {}): Promise<{ id: string }> {
      const parsed = importOptionsSchema.parse(input)
      assertMayImport(ctx, parsed.entity)
      // Stored with the options: the job writes the row messages in it.
      const options = { ...parsed, lang: await langOf(ctx, parsed.lang, opts.acceptLanguage) }
      if (options.entity === 'opportunities' && options.dedupeBy && options.dedupeBy !== 'name') {
        throw validationError([{ path: 'dedupeBy', message: 'Deals are matched by name (and customer) only' }])
      }
      if ((options.entity === 'products') !== (options.dedupeBy === 'sku') && options.dedupeBy) {
        throw validationError([{ path: 'dedupeBy', message: options.entity === 'products' ? 'Products are matched by SKU' : 'Only products have a SKU' }])
      }
      // Read before the transaction, which on PGlite's one connection the chunk reads would wait for.
      // "Automatic" is settled now, from the profile the wizard's suggestions came from: the job maps what was shown.
      const current = await mine(ctx, id)
      if (current.status === 'ready' || current.status === 'dry_run_done') {
        const fields = fieldsOf(options.entity, await repo.stagesForImport(db))
        options.mapping ??= (await survey(current, options.entity, fields, options.lang)).mapping
        const issues = mappingIssues(current, fields, options.mapping, options, options.lang)
        if (issues.length) throw validationError(issues)
      }
      // The queue's schema is set up outside the transaction: on PGlite's one connection it would wait for it.
      const enqueue = opts.enqueue ?? true
      if (enqueue) await jobs.start()
      return db.transaction().execute(async (trx) => {
        const row = await repo.lockImport(trx, id)
        if (!row || (row.createdBy !== ctx.actor.userId && ctx.actor.role !== 'admin')) throw new AppError('IMPORT_NOT_FOUND')
        if (row.status !== 'ready' && row.status !== 'dry_run_done') throw new AppError('IMPORT_STATE_CONFLICT', `The import is ${row.status}`)
        assertFormatFits(row.format, options.entity)
        if (options.entity === 'mailing-list-members') await listForImport(trx, ctx, options.listId!, { lock: false })
        await repo.updateImport(trx, id, {
          entity: options.entity, options: JSON.stringify(options), status: 'running', phase: 'validate', error: null,
          processedRows: 0, committedRow: 0, totalRows: null, createdCount: 0, updatedCount: 0, unchangedCount: 0, mergedCount: 0, skippedCount: 0, invalidCount: 0, blankDates: null, finishedAt: null,
        })
        // The CLI works its import in-process (with a progress bar) and queues nothing.
        if (enqueue) await jobs.send(IMPORT_JOB, { id }, { trx })
        return { id }
      })
    },

    async get(ctx: RequestContext, id: string, q: Partial<ImportStatusQuery> = {}): Promise<ImportStatus> {
      const row = await mine(ctx, id)
      const limit = q.limit ?? 100
      const page = async (outcome: 'invalid' | 'duplicate', after = FIRST_ROW) => {
        const rows = await openJournal(await repo.journalPage(db, id, [outcome], after, limit + 1))
        return { rows: rows.slice(0, limit), next: rows.length > limit ? rows[limit - 1]!.rowNumber : null }
      }
      return toStatus(row, await page('invalid', q.errorsAfter), await page('duplicate', q.duplicatesAfter), await repo.warningRows(db, id, 100))
    },

    async list(ctx: RequestContext, q: ImportListQuery) {
      if (q.all && ctx.actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins list everyone’s imports')
      const c = q.cursor ? decodeCursor(q.cursor, 'imports') : undefined
      // A forged cursor (a time that is no time, or one the database cannot hold) is a 400, not a 500.
      const at = c && typeof c.v === 'string' ? new Date(c.v) : null
      const year = at?.getUTCFullYear() ?? NaN
      if (q.cursor && (!c || !at || Number.isNaN(at.getTime()) || year < 1 || year > 9999)) throw validationError([{ path: 'cursor', message: 'Invalid cursor' }])
      const rows = await repo.listImports(db, { createdBy: q.all ? undefined : ctx.actor.userId, after: c && at ? { at, id: c.id } : undefined, limit: q.limit })
      const items = rows.slice(0, q.limit).map((r) => toStatus(r))
      const last = rows.length > q.limit ? rows[q.limit - 1] : undefined
      return { items, nextCursor: last ? encodeCursor({ s: 'imports', v: last.createdAt.toISOString(), id: last.id }) : null }
    },

    /** The rows skipped as duplicates for duplicates.csv, page by page (the caller streams them). */
    async *duplicates(ctx: RequestContext, id: string): AsyncGenerator<{ columns: string[] } | { cells: string[] }> {
      const row = await mine(ctx, id)
      await recordAudit(db, ctx, [{ action: 'download', entity: 'import', entityId: id, changes: { file: 'duplicates.csv' } }])
      yield { columns: row.columns }
      for await (const r of journal(id, 'duplicate')) {
        yield { cells: [String(r.rowNumber), r.matchKey ?? '', r.entityId ?? '', r.matchName ?? '', r.matchedRow === null ? '' : String(r.matchedRow), ...(r.cells ?? [])] }
      }
    },

    /** The rejected rows for errors.csv, page by page (the caller streams them). */
    async *rejected(ctx: RequestContext, id: string): AsyncGenerator<{ columns: string[] } | { row: number; cells: string[]; reason: string }> {
      const row = await mine(ctx, id)
      const lang = (row.options as { lang?: ImportLang } | null)?.lang ?? 'en'
      await recordAudit(db, ctx, [{ action: 'download', entity: 'import', entityId: id, changes: { file: 'errors.csv', rows: row.invalidCount } }])
      yield { columns: row.columns }
      for await (const r of journal(id, 'invalid')) yield { row: r.rowNumber, cells: r.cells ?? [], reason: (r.errors ?? []).map((e) => issueLine(e, lang)).join('; ') }
    },
  }
}

const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]))

export type ImportService = ReturnType<typeof createImportService>
