import { z } from 'zod'
import { id, timeZone, timestamp } from '../../lib/schema'
import { isCountryCode } from '../../lib/country'
import { IMPORT_LANGS } from './messages'

/**
 * The import contract (API.md /imports). The wizard's flow:
 *   1. POST /imports/analyze  (multipart: file, entity, sheet?)      → ImportAnalysis (the upload is kept, status `ready`)
 *   2. POST /imports/{id}/preview (JSON ImportOptions)               → ImportPreview: the first 20 rows as they would be stored
 *   3. POST /imports/{id}/start   (JSON ImportOptions)               → 202 {id}; the job validates every row first, then writes
 *   4. GET  /imports/{id} (poll)  → ImportStatus; GET /imports/{id}/errors.csv; POST /imports/{id}/undo → ImportUndoResult
 * POST /imports (multipart: file + the ImportOptions fields as form fields, `mapping`/`valueMapping` as JSON text)
 * does 1 and 3 at once (CLI, integrations): omitted mapping = the proposed one.
 */
export const IMPORT_ENTITIES = ['customers', 'contacts', 'leads', 'opportunities', 'products', 'mailing-list-members', 'users'] as const
export type ImportEntity = (typeof IMPORT_ENTITIES)[number]
/** The entities whose rows become records of their own (the others add existing records somewhere). */
export type RecordEntity = Exclude<ImportEntity, 'mailing-list-members' | 'users'>

/** What an invalid phone does to its row. */
export const INVALID_PHONE = ['reject-row', 'drop-phone'] as const
export const IMPORT_MODES = ['create', 'upsert', 'skip-duplicates'] as const
export const DEDUPE_KEYS = ['email', 'phone', 'name', 'sku'] as const
export const IMPORT_STATUSES = ['analyzing', 'ready', 'running', 'dry_run_done', 'completed', 'failed', 'undone'] as const
export type ImportStatusValue = (typeof IMPORT_STATUSES)[number]

/** What a target field holds; the wizard picks an editor, the engine a parser. */
export const FIELD_KINDS = ['text', 'email', 'phone', 'enum', 'date', 'money', 'integer', 'boolean', 'tags', 'currency', 'url', 'ref'] as const

export const importFieldSchema = z
  .object({
    key: z.string().describe('mapping target, e.g. email, address.city, owner, customer'),
    kind: z.enum(FIELD_KINDS),
    required: z.boolean(),
    values: z.array(z.object({ value: z.string(), label: z.string() })).optional().describe('enum: the allowed stored values (stage keys, statuses)'),
    ref: z.enum(['user', 'customer', 'product']).optional().describe('ref: what the column names (users and customers by e-mail or name, products by SKU or name)'),
  })
  .meta({ id: 'ImportField' })
export type ImportField = z.infer<typeof importFieldSchema>

/** `{ "<column header as in the file>": "<field key>" | null }`; null or absent = ignore the column. */
export const mappingSchema = z.record(z.string().max(200), z.string().max(60).nullable())
/**
 * `{ "<field key>": { "<value as in the file>": "<value to store>" } }`: whole-value find/replace
 * on fixed-choice fields (stage, status, type…) and text fields (industry, source, owner…).
 * An empty replacement leaves the field empty.
 */
export const valueMappingSchema = z.record(z.string().max(60), z.record(z.string().max(500), z.string().max(500)))
/** How a field's valueMapping matches a cell: trimmed (default) and/or in any case. */
export const valueMatchingSchema = z.record(
  z.string().max(60),
  z.strictObject({
    trim: z.boolean().default(true).describe('compare without leading and trailing spaces'),
    ignoreCase: z.boolean().default(false).describe('"Technolgy" matches "technolgy"'),
  }),
)

/** Per mapped date field, what a blank cell means: left empty, a fixed date, or an invalid row. */
export const blankDatesSchema = z.record(z.string().max(60), z.union([z.enum(['empty', 'reject']), z.iso.date()]))

const optionsShape = {
  entity: z.enum(IMPORT_ENTITIES),
  sheet: z.string().max(200).optional().describe('xlsx: the sheet to read; default the first'),
  mapping: mappingSchema.optional().describe('omitted = the proposed mapping'),
  valueMapping: valueMappingSchema.optional().describe('per field (fixed-choice or text): file value → stored value; unknown fields, fields of other kinds and fields no column feeds are refused'),
  valueMatching: valueMatchingSchema.optional().describe('per field of valueMapping: trim (default true), ignoreCase (default false)'),
  mode: z.enum(IMPORT_MODES).default('create').describe('create: always new; upsert: update the duplicate; skip-duplicates: leave it'),
  dedupeBy: z.enum(DEDUPE_KEYS).optional().describe('email, phone, or name (+ company where the entity has one), sku (products); required for upsert and skip-duplicates'),
  dryRun: z.boolean().default(false),
  skipInvalid: z.boolean().default(false).describe('false: any invalid row means nothing is written'),
  createMissing: z.boolean().default(false).describe('create referenced customers that do not exist (else a row error); mailing-list-members: create unknown e-mails as leads'),
  listId: id.optional().describe('mailing-list-members (required there, refused elsewhere): the static list the rows join'),
  dayFirst: z.boolean().default(true).describe('05/01/2026 = 5 January (true) or May 1 (false); ISO, 2026/1/5 and 2026年1月5日 are unambiguous'),
  timeZone: timeZone.optional()
    .describe("IANA zone a date-only cell of a timestamp field (closedAt, createdAt) is midnight in; default the company's. Calendar fields (expectedCloseDate) stay dates"),
  region: z.string().refine(isCountryCode, 'Not an ISO 3166 country code such as CN or US').optional()
    .describe('the country phone numbers without a country code belong to, unless the row has a mapped country; default the server\'s KITH_DEFAULT_REGION'),
  invalidPhone: z.enum(INVALID_PHONE).default('reject-row').describe('reject-row: a row with an invalid phone is invalid; drop-phone: the row is imported without the phone, which is listed in rowWarnings'),
  blankDates: blankDatesSchema.optional().describe("per mapped date field: 'empty' (only where the field may be empty: expectedCloseDate), 'reject' (the row is invalid) or a date YYYY-MM-DD; default: a blank createdAt or closedAt (of a closed deal) becomes the import day, other dates stay empty"),
  lang: z.enum(IMPORT_LANGS).optional().describe('language of row messages and refusals; default: your locale, else Accept-Language, else en'),
}

export const importOptionsSchema = z
  .strictObject(optionsShape)
  .superRefine((o, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
    // Users are told apart by e-mail only, and an import never changes an existing one.
    if (o.entity === 'users') {
      if (o.mode === 'upsert') issue('mode', 'Users are created or skipped: an import does not change existing users')
      if (o.dedupeBy && o.dedupeBy !== 'email') issue('dedupeBy', 'Users are matched by e-mail')
      if (o.listId) issue('listId', 'Only mailing-list-members imports go into a list')
      return
    }
    if (o.entity !== 'mailing-list-members') {
      if (o.mode !== 'create' && !o.dedupeBy) issue('dedupeBy', 'Required for upsert and skip-duplicates')
      if (o.listId) issue('listId', 'Only mailing-list-members imports go into a list')
      return
    }
    if (!o.listId) issue('listId', 'Required: the static mailing list the rows join')
    // The member table is keyed by (list, record): a row already in the list is skipped, never a duplicate.
    if (o.mode !== 'create') issue('mode', 'Mailing-list members are always added (mode create); rows already in the list are skipped')
    if (o.dedupeBy) issue('dedupeBy', 'Mailing-list members are matched by e-mail already; leave dedupeBy out')
  })
  .meta({ id: 'ImportOptions' })
export type ImportOptions = z.infer<typeof importOptionsSchema>
export type ImportOptionsInput = z.input<typeof importOptionsSchema>

/** Multipart text fields of POST /imports and POST /imports/analyze, before JSON parsing. */
export const importFormSchema = z.strictObject({
  entity: z.enum(IMPORT_ENTITIES),
  sheet: z.string().max(200).optional(),
  mapping: z.string().max(100_000).optional().describe('JSON, or "auto"'),
  valueMapping: z.string().max(100_000).optional().describe('JSON'),
  mode: z.enum(IMPORT_MODES).optional(),
  dedupeBy: z.enum(DEDUPE_KEYS).optional(),
  dryRun: z.stringbool().optional(),
  skipInvalid: z.stringbool().optional(),
  createMissing: z.stringbool().optional(),
  listId: id.optional(),
  dayFirst: z.stringbool().optional(),
  timeZone: z.string().max(64).optional(),
  region: z.string().max(2).optional(),
  invalidPhone: z.enum(INVALID_PHONE).optional(),
})

export const rowErrorSchema = z
  .object({
    row: z.number().int().describe('row number in the file/sheet (the header is its own row); vCard: the line of the card’s BEGIN:VCARD'),
    errors: z.array(z.object({ path: z.string().describe('field key, or the column header'), message: z.string() })),
  })
  .meta({ id: 'ImportRowError' })
export type RowError = z.infer<typeof rowErrorSchema>

const detected = {
  fileName: z.string(),
  size: z.number().int(),
  format: z.enum(['csv', 'xlsx', 'vcard']).describe('vcard: a .vcf address book, read as one row a card (contacts only)'),
  encoding: z.string().nullable().describe('csv: utf-8, gb18030, utf-16le…'),
  delimiter: z.string().nullable().describe('csv: , ; or tab'),
  sheets: z.array(z.string()).describe('xlsx: sheet names'),
  sheet: z.string().nullable(),
  headerRow: z.number().int().describe('row number of the header in the file'),
  columns: z.array(z.string()).describe('the header cells (blank ones named "Column N")'),
}

export const mappingSuggestionSchema = z
  .object({
    field: z.string().nullable().describe('the proposed field; null = left unmapped'),
    confidence: z.enum(['high', 'medium', 'low']).nullable().describe('high: header and values agree; medium: near header, or values alone; low: only a hint, left unmapped; null: no idea'),
    type: z.enum(['empty', 'numeric', 'date', 'email', 'phone', 'money', 'text']).describe('what at least 80% of the profiled values are'),
    hint: z.string().nullable().describe('left unmapped: the field the header suggests, which the values contradict (numbers for a name)'),
    reason: z.string().nullable(),
  })
  .meta({ id: 'ImportMappingSuggestion' })
const suggestionsSchema = z.record(z.string(), mappingSuggestionSchema).describe('per column, from its header and its values over up to 10,000 rows')

export const importAnalysisSchema = z
  .object({
    id,
    entity: z.enum(IMPORT_ENTITIES),
    ...detected,
    fields: z.array(importFieldSchema).describe('the entity’s importable fields'),
    proposedMapping: mappingSchema,
    suggestions: suggestionsSchema,
    profiledRows: z.number().int().describe('data rows the suggestions and value mapping were drawn from (at most 10,000)'),
    proposedValueMapping: valueMappingSchema.describe('for each mapped enum field: every distinct value of the profiled rows that resembles a stored value → that value'),
    sampleRows: z.array(z.array(z.string())).describe('the first 20 data rows as read'),
  })
  .meta({ id: 'ImportAnalysis' })
export type ImportAnalysis = z.infer<typeof importAnalysisSchema>

export const importPreviewSchema = z
  .object({
    suggestions: suggestionsSchema,
    rows: z.array(
      z.object({
        row: z.number().int(),
        values: z.record(z.string(), z.unknown()).describe('field → value as it will be stored'),
        errors: rowErrorSchema.shape.errors,
        warnings: rowErrorSchema.shape.errors.describe('kept row, value left out (invalidPhone drop-phone)'),
      }),
    ),
  })
  .meta({ id: 'ImportPreview' })
export type ImportPreview = z.infer<typeof importPreviewSchema>

export const importCountsSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int().describe('upsert: rows whose match already holds their values'),
  merged: z.number().int().describe('upsert: repeats of an earlier row of the file, merged into its record (later filled cells win)'),
  skipped: z.number().int().describe('skip-duplicates: rows left out as duplicates (listed in duplicates)'),
  invalid: z.number().int(),
})

export const duplicateRowSchema = z
  .object({
    row: z.number().int(),
    key: z.string().describe('the duplicate key as the file gave it (e-mail, phone, SKU, or name / company)'),
    existingId: id.nullable().describe('the live record it matched; null when it repeats an earlier row of the file'),
    existingName: z.string().describe('that record’s (or earlier row’s) name'),
    matchedRow: z.number().int().nullable().describe('the earlier row of the file it repeats'),
  })
  .meta({ id: 'ImportDuplicateRow' })

/** GET /imports/{id}: the row lists page by row number (keyset), each on its own. */
export const importStatusQuerySchema = z.strictObject({
  errorsAfter: z.coerce.number().int().optional().describe('rowErrors: rows after this row number (the previous page’s rowErrorsNext)'),
  duplicatesAfter: z.coerce.number().int().optional().describe('duplicates: rows after this row number (the previous page’s duplicatesNext)'),
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('rows per list'),
})
export type ImportStatusQuery = z.infer<typeof importStatusQuerySchema>

export const importStatusSchema = z
  .object({
    id,
    entity: z.enum(IMPORT_ENTITIES),
    status: z.enum(IMPORT_STATUSES),
    phase: z.enum(['validate', 'write']).nullable().describe('while running'),
    fileName: z.string(),
    size: z.number().int(),
    options: z.object(optionsShape).partial().nullable(),
    progress: z.object({ processed: z.number().int(), total: z.number().int().nullable() }),
    counts: importCountsSchema.describe('dry run: what would happen'),
    rowErrors: z.array(rowErrorSchema).describe('invalid rows in row order, one page (errorsAfter, limit); all of them in errors.csv'),
    rowErrorsNext: z.number().int().nullable().describe('pass as errorsAfter for the next page; null on the last'),
    duplicates: z.array(duplicateRowSchema).describe('rows skipped as duplicates in row order, one page (duplicatesAfter, limit); all of them in duplicates.csv'),
    duplicatesNext: z.number().int().nullable().describe('pass as duplicatesAfter for the next page; null on the last'),
    blankDates: z.record(z.string(), z.number().int()).describe('validated rows with a blank cell in a mapped date field, per field (see the blankDates option)'),
    rowWarnings: z.array(rowErrorSchema).describe('the first 100 imported rows with a value left out (an invalid phone with invalidPhone drop-phone), the value in the message'),
    error: z.string().nullable().describe('why the whole file failed (unreadable file, invalid rows without skipInvalid…)'),
    createdBy: id.nullable(),
    createdAt: timestamp,
    finishedAt: timestamp.nullable(),
    undoneAt: timestamp.nullable(),
  })
  .meta({ id: 'ImportStatus' })
export type ImportStatus = z.infer<typeof importStatusSchema>

export const importListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional(),
  all: z.stringbool().optional().describe('admin: everyone’s imports (default: mine)'),
})
export type ImportListQuery = z.infer<typeof importListQuerySchema>

export const importUndoResultSchema = z
  .object({
    removed: z.number().int(),
    restored: z.number().int(),
    notUndone: z.array(z.object({ row: z.number().int(), entityId: id, reason: z.string() })).describe('records changed since the import, left as they are'),
  })
  .meta({ id: 'ImportUndoResult' })
export type ImportUndoResult = z.infer<typeof importUndoResultSchema>

export const importAcceptedSchema = z.object({ id }).meta({ id: 'ImportAccepted' })
