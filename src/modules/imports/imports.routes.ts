import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import multipart from '@fastify/multipart'
import { stringify } from 'csv-stringify/sync'
import type { FastifyReply } from 'fastify'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { idParams, pageOf } from '../../lib/schema'
import type { RequestContext } from '../../server/context'
import type { ImportService } from './imports.service'
import {
  importAcceptedSchema, importAnalysisSchema, importListQuerySchema, importOptionsSchema, importPreviewSchema,
  importStatusQuerySchema, importStatusSchema, importUndoResultSchema, type ImportEntity,
} from './imports.schema'
import { analyzeMultipartDoc, importMultipartDoc, parseAnalyzeForm, parseImportForm, withUploadForm, type SpooledFile } from './imports.form'
import { undoImport } from './imports.undo'
import type { Db } from '../../db/database'
import { escapeFormula } from './prepare'

const FORM_DOC = 'multipart/form-data, its parts in any order (the request body below); the file is streamed to temporary storage while the parts arrive, and nothing is stored before every field is valid.'

/** Analyses the upload, its form checked first: the service gets the file as a stream. */
function uploadFrom(imports: ImportService, ctx: RequestContext, form: { entity: ImportEntity; sheet?: string; listId?: string }, file: SpooledFile, acceptLanguage?: string) {
  return imports.upload(ctx, { entity: form.entity, sheet: form.sheet, listId: form.listId, fileName: file.name, data: createReadStream(file.path), acceptLanguage })
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
      schema: { tags, summary: 'Upload a CSV/XLSX and get its detected format, header, proposed mapping and first rows', description: FORM_DOC, multipartBody: analyzeMultipartDoc, response: { 200: importAnalysisSchema } },
    }, (req) => withUploadForm(req, (fields, spooled) => {
      const { data, file } = parseAnalyzeForm(fields, spooled)
      return uploadFrom(imports, ctxOf(req), data, file, req.headers['accept-language'])
    }))

    app.post('/imports', {
      schema: { tags, summary: 'Upload and start an import in one call (omitted mapping = proposed)', description: FORM_DOC, multipartBody: importMultipartDoc, response: { 202: importAcceptedSchema } },
    }, async (req, reply) => {
      const ctx = ctxOf(req)
      const accepted = await withUploadForm(req, async (fields, spooled) => {
        const { options, file } = parseImportForm(fields, spooled)
        const { id } = await uploadFrom(imports, ctx, options, file, req.headers['accept-language'])
        return imports.start(ctx, id, options, { acceptLanguage: req.headers['accept-language'] })
      })
      return reply.status(202).header('Location', `/api/v1/imports/${accepted.id}`).send(accepted)
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
      imports.analysis(ctxOf(req), req.params.id, req.headers['accept-language']))

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
