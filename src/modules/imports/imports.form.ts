import { mkdtemp, open, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { z } from 'zod'
import type { FastifyRequest } from 'fastify'
import { AppError, validationError, type FieldError } from '../../server/errors'
import { importFormSchema, importOptionsSchema, mappingSchema, valueMappingSchema, type ImportOptionsInput } from './imports.schema'

/** The upload as received: spooled to a temporary file, removed when the request is done with it. */
export interface SpooledFile {
  name: string
  path: string
}

const issuesOf = (error: z.ZodError): FieldError[] => error.issues.map((i) => ({ path: i.path.join('.') || 'form', message: i.message }))

/**
 * Reads a multipart upload whatever the order of its parts (a client may send the file before
 * `entity`): the file streams to a temporary file as it arrives (memory stays flat however large
 * it is), the text fields are collected, and `use` gets both once the request is read, so every
 * field is checked before anything is stored. The temporary file is gone when `use` returns.
 */
export async function withUploadForm<T>(req: FastifyRequest, use: (fields: Record<string, string>, file: SpooledFile | undefined) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-upload-'))
  try {
    const fields: Record<string, string> = {}
    let file: SpooledFile | undefined
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || file) throw validationError([{ path: part.fieldname, message: 'Send one file, in the field "file"' }])
          const path = join(dir, 'upload')
          // Opened before streaming: a stream that opened its file lazily could still be opening it
          // after a failed upload's directory was removed, an uncaught ENOENT in the server.
          const handle = await open(path, 'w')
          await pipeline(part.file, handle.createWriteStream())
          file = { name: part.filename || 'upload', path }
        } else {
          fields[part.fieldname] = String(part.value)
        }
      }
    } catch (err) {
      if (err instanceof AppError) throw err
      const { code, statusCode, syscall } = err as { code?: string; statusCode?: number; syscall?: string }
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', 'The file is too large to import; split it into smaller files.')
      if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data')
      // The multipart parser's own complaints (no boundary, a part never closed, a malformed part
      // header) carry neither a status nor a system call: the body is at fault, not the server.
      if (!statusCode && !syscall) throw new AppError('BAD_REQUEST', 'The upload is not a readable multipart/form-data body: send the file in the field "file" with a boundary')
      throw err
    }
    return await use(fields, file)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * The text fields against `schema` (blank ones count as not sent: a form posts empty inputs), the
 * file's presence too: every bad field in one 400, a field not sent at all said to be required.
 */
function checked<S extends z.ZodType>(schema: S, fields: Record<string, string>, file: SpooledFile | undefined): { data: z.infer<S>; file: SpooledFile } {
  const sent = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''))
  const parsed = schema.safeParse(sent)
  const errors = [
    ...(file ? [] : [{ path: 'file', message: 'Required' }]),
    ...(parsed.success ? [] : parsed.error.issues.flatMap((i): FieldError[] => {
      if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: k, message: 'Unknown field' }))
      const field = String(i.path[0] ?? 'form')
      return [{ path: i.path.join('.') || 'form', message: i.path.length === 1 && !(field in sent) ? 'Required' : i.message }]
    })),
  ]
  if (errors.length || !parsed.success || !file) throw validationError(errors)
  return { data: parsed.data, file }
}

export const analyzeFormSchema = importFormSchema.pick({ entity: true, sheet: true, listId: true })

/** POST /imports/analyze: the upload's own fields. */
export const parseAnalyzeForm = (fields: Record<string, string>, file: SpooledFile | undefined) => checked(analyzeFormSchema, fields, file)

function jsonField<T extends z.ZodType>(name: 'mapping' | 'valueMapping', schema: T, raw: string | undefined): z.infer<T> | undefined {
  if (raw === undefined || raw === 'auto') return undefined
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

/** POST /imports: the upload's fields and the import options, all checked before the file is stored. */
export function parseImportForm(fields: Record<string, string>, spooled: SpooledFile | undefined) {
  const { data: f, file } = checked(importFormSchema, fields, spooled)
  const options: ImportOptionsInput = {
    entity: f.entity, sheet: f.sheet, mode: f.mode, dedupeBy: f.dedupeBy, dryRun: f.dryRun, skipInvalid: f.skipInvalid,
    createMissing: f.createMissing, listId: f.listId, dayFirst: f.dayFirst, timeZone: f.timeZone, region: f.region, invalidPhone: f.invalidPhone,
    mapping: jsonField('mapping', mappingSchema, f.mapping), valueMapping: jsonField('valueMapping', valueMappingSchema, f.valueMapping),
  }
  const parsed = importOptionsSchema.safeParse(options)
  if (!parsed.success) throw validationError(issuesOf(parsed.error))
  return { options, file }
}

// The request bodies as the OpenAPI document shows them, inline: a named component would also be
// listed in its output form (booleans for the text fields). Fastify does not parse these bodies
// (the route streams them), so these schemas only document; the fields are checked above.
const fileField = z.string().meta({ format: 'binary', description: 'The CSV (UTF-8, GB18030, UTF-16…; comma, semicolon or tab) or XLSX file. Any position among the parts.' })
const optionDocs = importOptionsSchema.shape
const formDocs: { [K in keyof typeof importFormSchema.shape]: string } = {
  entity: 'What the rows become: customers, contacts, leads, opportunities, products or mailing-list-members',
  sheet: optionDocs.sheet.description!,
  mapping: 'JSON text {"<column header as in the file>": "<field key>" | null} (null = ignore the column); omitted or "auto" = the proposed mapping',
  valueMapping: 'JSON text {"<field key>": {"<value as in the file>": "<stored value>"}} for enum fields (stage, status, type…); merged over the proposed one',
  mode: `${optionDocs.mode.description!}. Default create`,
  dedupeBy: optionDocs.dedupeBy.description!,
  dryRun: 'true: validate every row and report, write nothing. Default false',
  skipInvalid: `true: write the valid rows and report the others; ${optionDocs.skipInvalid.description!}. Default false`,
  createMissing: `true: ${optionDocs.createMissing.description!}. Default false`,
  listId: optionDocs.listId.description!,
  dayFirst: `${optionDocs.dayFirst.description!}. Default true`,
  region: optionDocs.region.description!,
  invalidPhone: `${optionDocs.invalidPhone.description!}. Default reject-row`,
  timeZone: 'IANA time zone a date without a time (a close or created date) is midnight in, e.g. America/New_York. Default the company\'s',
}
const documented = <K extends keyof typeof formDocs>(keys: K[]) =>
  Object.fromEntries(keys.map((k) => [k, importFormSchema.shape[k].describe(formDocs[k])])) as { [P in K]: (typeof importFormSchema.shape)[P] }

export const analyzeMultipartDoc = z
  .strictObject({ file: fileField, ...documented(['entity', 'sheet', 'listId']) })
  .describe('multipart/form-data; the parts may come in any order')

export const importMultipartDoc = z
  .strictObject({ file: fileField, ...documented(Object.keys(formDocs) as (keyof typeof formDocs)[]) })
  .describe('multipart/form-data; the parts may come in any order. Booleans are the text true or false.')
