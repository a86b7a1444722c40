import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import multipart from '@fastify/multipart'
import { stringify } from 'csv-stringify/sync'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { idParams, pageOf } from '../../lib/schema'
import type { RequestContext } from '../../server/context'
import type { ImportService } from './imports.service'
import {
  importAcceptedSchema, importAnalysisSchema, importListQuerySchema, importOptionsSchema, importPreviewSchema,
  importStatusSchema, importUndoResultSchema, type ImportEntity,
} from './imports.schema'
import { analyzeMultipartDoc, importMultipartDoc, parseAnalyzeForm, parseImportForm, withUploadForm, type SpooledFile } from './imports.form'
import { undoImport } from './imports.undo'
import type { Db } from '../../db/database'
import { escapeFormula } from './prepare'

const FORM_DOC = 'multipart/form-data, its parts in any order (the request body below); the file is streamed to temporary storage while the parts arrive, and nothing is stored before every field is valid.'

/** Analyses the upload, its form checked first: the service gets the file as a stream. */
function uploadFrom(imports: ImportService, ctx: RequestContext, form: { entity: ImportEntity; sheet?: string; listId?: string }, file: SpooledFile) {
  return imports.upload(ctx, { entity: form.entity, sheet: form.sheet, listId: form.listId, fileName: file.name, data: createReadStream(file.path) })
}

export function importRoutes(api: App, { imports, db }: { imports: ImportService; db: Db }, opts: { maxBytes: number }) {
  const tags = ['imports']
  api.register(async (app: App) => {
    await app.register(multipart, { limits: { fileSize: opts.maxBytes, files: 1, fields: 20, fieldSize: 200_000 } })

    app.post('/imports/analyze', {
      schema: { tags, summary: 'Upload a CSV/XLSX and get its detected format, header, proposed mapping and first rows', description: FORM_DOC, multipartBody: analyzeMultipartDoc, response: { 200: importAnalysisSchema } },
    }, (req) => withUploadForm(req, (fields, spooled) => {
      const { data, file } = parseAnalyzeForm(fields, spooled)
      return uploadFrom(imports, ctxOf(req), data, file)
    }))

    app.post('/imports', {
      schema: { tags, summary: 'Upload and start an import in one call (omitted mapping = proposed)', description: FORM_DOC, multipartBody: importMultipartDoc, response: { 202: importAcceptedSchema } },
    }, async (req, reply) => {
      const ctx = ctxOf(req)
      const accepted = await withUploadForm(req, async (fields, spooled) => {
        const { options, file } = parseImportForm(fields, spooled)
        const { id } = await uploadFrom(imports, ctx, options, file)
        return imports.start(ctx, id, options)
      })
      return reply.status(202).header('Location', `/api/v1/imports/${accepted.id}`).send(accepted)
    })

    app.get('/imports', { schema: { tags, summary: 'My imports, newest first (admin: ?all=true for everyone’s)', querystring: importListQuerySchema, response: { 200: pageOf(importStatusSchema) } } }, (req) =>
      imports.list(ctxOf(req), req.query))

    app.get('/imports/:id', { schema: { tags, summary: 'Status, progress, counts and the first row errors', params: idParams, response: { 200: importStatusSchema } } }, (req) =>
      imports.get(ctxOf(req), req.params.id))

    app.get('/imports/:id/analysis', { schema: { tags, params: idParams, response: { 200: importAnalysisSchema } } }, (req) =>
      imports.analysis(ctxOf(req), req.params.id))

    app.post('/imports/:id/preview', {
      schema: { tags, summary: 'The first 20 rows as they would be stored with these options', params: idParams, body: importOptionsSchema, response: { 200: importPreviewSchema } },
    }, (req) => imports.preview(ctxOf(req), req.params.id, req.body))

    app.post('/imports/:id/start', {
      schema: { tags, summary: 'Validate every row, then (unless dryRun) write them in the background', params: idParams, body: importOptionsSchema, response: { 202: importAcceptedSchema } },
    }, async (req, reply) => reply.status(202).send(await imports.start(ctxOf(req), req.params.id, req.body)))

    app.post('/imports/:id/undo', {
      schema: { tags, summary: 'Remove the created records and restore the updated ones, unless changed since', params: idParams, response: { 200: importUndoResultSchema } },
    }, (req) => undoImport(db, ctxOf(req), req.params.id))

    app.get('/imports/:id/errors.csv', {
      schema: { tags, summary: 'The rejected rows with their original columns and a reason column (UTF-8 with BOM)', params: idParams, produces: ['text/csv'] },
    }, async (req, reply) => {
      const rows = imports.rejected(ctxOf(req), req.params.id)
      const first = await rows.next() // the 404 of another user's import comes before any byte is sent
      const columns = first.done ? [] : (first.value as { columns: string[] }).columns
      async function* body() {
        yield '\uFEFF' + stringify([['Row / 行号', ...columns.map(escapeFormula), 'Reason / 原因']])
        for await (const r of rows) {
          if ('columns' in r) continue
          yield stringify([[String(r.row), ...r.cells.map(escapeFormula), r.reason]])
        }
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="import-${req.params.id}-errors.csv"`)
        .send(Readable.from(body()))
    })
  })
}
