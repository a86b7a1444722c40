import { Readable } from 'node:stream'
import multipart from '@fastify/multipart'
import { stringify } from 'csv-stringify/sync'
import { z } from 'zod'
import type { MultipartFile } from '@fastify/multipart'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { AppError, validationError } from '../../server/errors'
import { idParams, pageOf } from '../../lib/schema'
import type { RequestContext } from '../../server/context'
import type { ImportService } from './imports.service'
import {
  importAcceptedSchema, importAnalysisSchema, importFormSchema, importListQuerySchema, importOptionsSchema, importPreviewSchema,
  importStatusQuerySchema, importStatusSchema, importUndoResultSchema, mappingSchema, valueMappingSchema, type ImportOptionsInput,
} from './imports.schema'
import { undoImport } from './imports.undo'
import type { Db } from '../../db/database'
import { escapeFormula } from './prepare'

const FORM_DOC = 'multipart/form-data: the text fields first (entity, sheet…), then `file`; the upload is stored as it arrives.'

/**
 * Reads a multipart upload: fields before the file are known when it streams into storage
 * (`entity` must come first); fields after it are collected for the options.
 */
async function readUpload(req: FastifyRequest, onFile: (fields: Record<string, string>, file: MultipartFile) => Promise<void>) {
  const fields: Record<string, string> = {}
  let seen = false
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || seen) throw validationError([{ path: part.fieldname, message: 'Send one file, in the field "file"' }])
        seen = true
        await onFile({ ...fields }, part)
      } else {
        fields[part.fieldname] = String(part.value)
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', 'The file is too large to import; split it into smaller files.')
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data')
    throw err
  }
  if (!seen) throw validationError([{ path: 'file', message: 'Required' }])
  return fields
}

function parseForm(fields: Record<string, string>) {
  const parsed = importFormSchema.safeParse(fields)
  if (!parsed.success) throw validationError(parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'form', message: i.message })))
  const f = parsed.data
  const json = <T extends z.ZodType>(name: 'mapping' | 'valueMapping', schema: T, raw?: string) => {
    if (raw === undefined || raw === '' || raw === 'auto') return undefined
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch {
      throw validationError([{ path: name, message: 'Not valid JSON' }])
    }
    const r = schema.safeParse(value)
    if (!r.success) throw validationError([{ path: name, message: r.error.issues[0]?.message ?? 'Invalid' }])
    return r.data as z.infer<T>
  }
  const options: ImportOptionsInput = {
    entity: f.entity, sheet: f.sheet, mode: f.mode, dedupeBy: f.dedupeBy, dryRun: f.dryRun, skipInvalid: f.skipInvalid,
    createMissing: f.createMissing, listId: f.listId, dayFirst: f.dayFirst,
    mapping: json('mapping', mappingSchema, f.mapping), valueMapping: json('valueMapping', valueMappingSchema, f.valueMapping),
  }
  const checked = importOptionsSchema.safeParse(options)
  if (!checked.success) throw validationError(checked.error.issues.map((i) => ({ path: i.path.join('.') || 'form', message: i.message })))
  return options
}

const uploadFormSchema = importFormSchema.pick({ entity: true, sheet: true, listId: true })

async function uploadFrom(req: FastifyRequest, imports: ImportService, ctx: RequestContext) {
  let id: string | undefined
  let analysis: Awaited<ReturnType<ImportService['upload']>> | undefined
  const fields = await readUpload(req, async (before, file) => {
    if (!before.entity) throw validationError([{ path: 'entity', message: 'Required, and sent before the file' }])
    // Only what the upload itself needs; the other options are checked when the import starts.
    const parsed = uploadFormSchema.safeParse({ entity: before.entity, sheet: before.sheet || undefined, listId: before.listId || undefined })
    if (!parsed.success) throw validationError(parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'form', message: i.message })))
    const form = parsed.data
    analysis = await imports.upload(ctx, { entity: form.entity, sheet: form.sheet, listId: form.listId, fileName: file.filename || 'upload', data: file.file })
    id = analysis.id
  })
  return { id: id!, analysis: analysis!, fields }
}

/**
 * Streams a journal download: the generator's first item is the file's columns, so another user's
 * import is a 404 before any byte is sent. Cells are formula-escaped for spreadsheet apps.
 */
async function sendCsv<R>(reply: FastifyReply, fileName: string, rows: AsyncGenerator<{ columns: string[] } | R>, header: (columns: string[]) => string[], cells: (r: R) => string[]) {
  const first = await rows.next()
  const columns = first.done ? [] : (first.value as { columns: string[] }).columns
  async function* body() {
    yield '\uFEFF' + stringify([header(columns).map(escapeFormula)])
    for await (const r of rows) {
      if (r && typeof r === 'object' && 'columns' in r) continue
      yield stringify([cells(r as R).map(escapeFormula)])
    }
  }
  return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${fileName}"`).send(Readable.from(body()))
}

export function importRoutes(api: App, { imports, db }: { imports: ImportService; db: Db }, opts: { maxBytes: number }) {
  const tags = ['imports']
  api.register(async (app: App) => {
    await app.register(multipart, { limits: { fileSize: opts.maxBytes, files: 1, fields: 20, fieldSize: 200_000 } })

    app.post('/imports/analyze', {
      schema: { tags, summary: 'Upload a CSV/XLSX and get its detected format, header, proposed mapping and first rows', description: FORM_DOC, consumes: ['multipart/form-data'], response: { 200: importAnalysisSchema } },
    }, async (req) => (await uploadFrom(req, imports, ctxOf(req))).analysis)

    app.post('/imports', {
      schema: { tags, summary: 'Upload and start an import in one call (omitted mapping = proposed)', description: FORM_DOC, consumes: ['multipart/form-data'], response: { 202: importAcceptedSchema } },
    }, async (req, reply) => {
      const ctx = ctxOf(req)
      const { id, fields } = await uploadFrom(req, imports, ctx)
      const accepted = await imports.start(ctx, id, parseForm(fields), { acceptLanguage: req.headers['accept-language'] })
      return reply.status(202).header('Location', `/api/v1/imports/${id}`).send(accepted)
    })

    app.get('/imports', { schema: { tags, summary: 'My imports, newest first (admin: ?all=true for everyone’s)', querystring: importListQuerySchema, response: { 200: pageOf(importStatusSchema) } } }, (req) =>
      imports.list(ctxOf(req), req.query))

    app.get('/imports/:id', {
      schema: {
        tags, summary: 'Status, progress, counts, and a page of the invalid rows and of the rows skipped as duplicates',
        description: 'Each list pages on its own by row number: pass rowErrorsNext as errorsAfter (duplicatesNext as duplicatesAfter) until it is null.',
        params: idParams, querystring: importStatusQuerySchema, response: { 200: importStatusSchema },
      },
    }, (req) => imports.get(ctxOf(req), req.params.id, req.query))

    app.get('/imports/:id/analysis', { schema: { tags, params: idParams, response: { 200: importAnalysisSchema } } }, (req) =>
      imports.analysis(ctxOf(req), req.params.id))

    app.post('/imports/:id/preview', {
      schema: { tags, summary: 'The first 20 rows as they would be stored with these options', params: idParams, body: importOptionsSchema, response: { 200: importPreviewSchema } },
    }, (req) => imports.preview(ctxOf(req), req.params.id, req.body, req.headers['accept-language']))

    app.post('/imports/:id/start', {
      schema: { tags, summary: 'Validate every row, then (unless dryRun) write them in the background', params: idParams, body: importOptionsSchema, response: { 202: importAcceptedSchema } },
    }, async (req, reply) => reply.status(202).send(await imports.start(ctxOf(req), req.params.id, req.body, { acceptLanguage: req.headers['accept-language'] })))

    app.post('/imports/:id/undo', {
      schema: { tags, summary: 'Remove the created records and restore the updated ones, unless changed since', params: idParams, response: { 200: importUndoResultSchema } },
    }, (req) => undoImport(db, ctxOf(req), req.params.id))

    app.get('/imports/:id/errors.csv', {
      schema: { tags, summary: 'The rejected rows with their original columns and a reason column (UTF-8 with BOM)', params: idParams, produces: ['text/csv'] },
    }, async (req, reply) => {
      const rows = imports.rejected(ctxOf(req), req.params.id)
      return sendCsv(reply, `import-${req.params.id}-errors.csv`, rows, (columns) => ['Row / 行号', ...columns, 'Reason / 原因'], (r) => [String(r.row), ...r.cells, r.reason])
    })

    app.get('/imports/:id/duplicates.csv', {
      schema: { tags, summary: 'The rows skipped as duplicates: row, key, the record (id, name) or earlier row they matched, then their original columns (UTF-8 with BOM)', params: idParams, produces: ['text/csv'] },
    }, async (req, reply) => {
      const rows = imports.duplicates(ctxOf(req), req.params.id)
      const head = ['Row / 行号', 'Key / 匹配值', 'Existing id / 已有记录 ID', 'Existing name / 已有记录名称', 'Repeats row / 重复的行']
      return sendCsv(reply, `import-${req.params.id}-duplicates.csv`, rows, (columns) => [...head, ...columns], (r) => r.cells)
    })
  })
}
