import { sql, type RawBuilder } from 'kysely'
import { z } from 'zod'
import type { DistinctSource } from '../../db/distinct-values'
import { escapeLike } from '../../lib/text'
import { validationError, type FieldError } from '../../server/errors'
import { OPS_BY_TYPE, SEGMENT_FIELD_LIST, SEGMENT_OPS, type SegmentFieldType, type SegmentOp } from './segment-fields'

export { SEGMENT_OPS, type SegmentOp }

/**
 * The segment filter language: `{all|any: [{field, op, value}]}` over a whitelist of fields.
 * It compiles to parameterised SQL (field names map to fixed column expressions; values are bound
 * parameters), so a filter can neither inject SQL nor reach a column that is not listed here.
 */
export const segmentConditionSchema = z
  .strictObject({
    field: z.string().max(60),
    op: z.string().max(30).describe(SEGMENT_OPS.join(', ')),
    value: z.union([z.string().max(500), z.number(), z.boolean(), z.array(z.string().max(500)).max(500)]).optional(),
  })
  .meta({ id: 'SegmentCondition' })
export type SegmentCondition = z.infer<typeof segmentConditionSchema>

const conditions = z.array(segmentConditionSchema).min(1).max(50)
export const segmentFilterSchema = z
  .union([z.strictObject({ all: conditions }), z.strictObject({ any: conditions })])
  .meta({ id: 'SegmentFilter', description: 'all = every condition holds (AND); any = at least one (OR)' })
export type SegmentFilter = z.infer<typeof segmentFilterSchema>

/** Where a field applies: customer rows (the customer's own address), contact rows (with their customer), lead rows. */
type Branch = 'customer' | 'contact' | 'lead'
interface FieldDef {
  type: SegmentFieldType
  values?: readonly string[]
  /** Column expression per branch; a branch without one never matches the condition. */
  on: Partial<Record<Branch, string>>
}

/** Each field's column: a customer field is read on the customer's own rows and on its contacts' (c is the customer). */
const COLUMNS: Record<string, string> = {
  'customer.industry': 'c.industry',
  'customer.city': "c.address->>'city'",
  'customer.region': "c.address->>'region'",
  'customer.country': "c.address->>'country'",
  'customer.tags': 'c.tags',
  'customer.status': 'c.status',
  'customer.type': 'c.type',
  'customer.source': 'c.source',
  'customer.ownerId': 'c.owner_id',
  'customer.createdAt': 'c.created_at',
  'customer.lastOrderAt': 'c.id',
  'contact.title': 'ct.title',
  'lead.status': 'l.status',
  'lead.source': 'l.source',
  'lead.score': 'l.score',
  'lead.ownerId': 'l.owner_id',
  'lead.campaignId': 'l.campaign_id',
  'lead.createdAt': 'l.created_at',
}

export const SEGMENT_FIELDS: Record<string, FieldDef> = Object.fromEntries(
  SEGMENT_FIELD_LIST.map((f) => {
    const column = COLUMNS[f.key]
    if (!column) throw new Error(`Segment field ${f.key} has no column`)
    const on = f.group === 'customer' ? { customer: column, contact: column } : { [f.group]: column }
    return [f.key, { type: f.type, values: f.values, on }]
  }),
)

/** A field's definition, or undefined: own keys only, so `constructor`, `__proto__`, `toString` are unknown fields. */
const fieldDef = (name: string): FieldDef | undefined => (Object.hasOwn(SEGMENT_FIELDS, name) ? SEGMENT_FIELDS[name] : undefined)

const TABLES: Record<Branch, { table: string; alias: string }> = {
  customer: { table: 'customers', alias: 'c' },
  contact: { table: 'contacts', alias: 'ct' },
  lead: { table: 'leads', alias: 'l' },
}

/** Where a text field's existing values are read for suggestions (each such column has an index: see the marketing migration). */
export function valueSource(field: string): DistinctSource | undefined {
  const def = fieldDef(field)
  if (def?.type !== 'text') return undefined
  const group = field.slice(0, field.indexOf('.')) as Branch
  return { ...TABLES[group], expr: COLUMNS[field]! }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DAY = /^\d{4}-\d{2}-\d{2}$/

/** Checks every condition; all problems at once, each with the path of the bad condition. */
export function validateSegmentFilter(filter: SegmentFilter, base = 'filter'): void {
  const group = 'all' in filter ? 'all' : 'any'
  const items = 'all' in filter ? filter.all : filter.any
  const errors: FieldError[] = []
  let leads = false
  let people = false
  items.forEach((c, i) => {
    const at = `${base}.${group}.${i}`
    const def = fieldDef(c.field)
    if (!def) return errors.push({ path: `${at}.field`, message: `Unknown field "${c.field}"; one of ${Object.keys(SEGMENT_FIELDS).join(', ')}` })
    if (def.on.lead) leads = true
    else people = true
    const ops = OPS_BY_TYPE[def.type]
    if (!ops.includes(c.op as SegmentOp)) return errors.push({ path: `${at}.op`, message: `Unknown operator "${c.op}" for ${c.field}; one of ${ops.join(', ')}` })
    const problem = valueProblem(def, c.op as SegmentOp, c.value)
    if (problem) errors.push({ path: `${at}.value`, message: problem })
  })
  if (leads && people && errors.length === 0) {
    errors.push({ path: `${base}.${group}`, message: 'A segment selects either leads (lead.*) or customers and contacts (customer.*, contact.*), not both' })
  }
  if (errors.length) throw validationError(errors)
}

function valueProblem(def: FieldDef, op: SegmentOp, v: unknown): string | null {
  if (op === 'is_empty' || op === 'is_not_empty') return v === undefined ? null : 'Takes no value'
  if (op === 'within_days' || op === 'older_than_days' || op === 'not_within_days') {
    return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 36500 ? null : 'A whole number of days (0–36500)'
  }
  if (op === 'before' || op === 'after') return typeof v === 'string' && DAY.test(v) && !Number.isNaN(Date.parse(v)) ? null : 'A date YYYY-MM-DD'
  if (op === 'in') {
    if (!Array.isArray(v) || v.length === 0) return 'A non-empty list of values'
    return v.map((x) => scalarProblem(def, x)).find(Boolean) ?? null
  }
  if (def.type === 'number') return typeof v === 'number' && Number.isFinite(v) ? null : 'A number'
  return scalarProblem(def, v)
}

function scalarProblem(def: FieldDef, v: unknown): string | null {
  if (typeof v !== 'string' || v.trim() === '') return 'A non-empty text value'
  if (def.type === 'enum' && !def.values!.includes(v)) return `One of ${def.values!.join(', ')}`
  if (def.type === 'uuid' && !UUID.test(v)) return 'A UUID'
  return null
}

/** Which row kinds a (valid) filter selects. */
export const segmentBranches = (filter: SegmentFilter): Branch[] => {
  const items = 'all' in filter ? filter.all : filter.any
  return items.some((c) => fieldDef(c.field)?.on.lead) ? ['lead'] : ['customer', 'contact']
}

/** ARRAY[$1, $2, …]: one bound parameter per value, the same on pg and PGlite. */
const list = (v: unknown) => sql`ARRAY[${sql.join(v as string[])}]`
const days = (n: unknown) => sql`make_interval(days => ${Number(n)})`

function compileCondition(c: SegmentCondition, branch: Branch): RawBuilder<boolean> {
  const def = fieldDef(c.field)!
  const col = def.on[branch]
  if (!col) return sql<boolean>`false`
  const e = sql.raw(col)
  const op = c.op as SegmentOp
  if (def.type === 'orders') {
    const recent = (n: unknown) =>
      sql<boolean>`EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = ${e} AND o.deleted_at IS NULL AND o.status <> 'cancelled' AND o.ordered_at >= now() - ${days(n)})`
    const any = sql<boolean>`EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = ${e} AND o.deleted_at IS NULL AND o.status <> 'cancelled')`
    if (op === 'within_days') return recent(c.value)
    if (op === 'not_within_days') return sql<boolean>`NOT ${recent(c.value)}`
    if (op === 'older_than_days') return sql<boolean>`(${any} AND NOT ${recent(c.value)})`
    return op === 'is_empty' ? sql<boolean>`NOT ${any}` : any
  }
  if (def.type === 'tags') {
    if (op === 'contains') return sql<boolean>`${e} @> ARRAY[${c.value}]::text[]`
    if (op === 'in') return sql<boolean>`${e} && ${list(c.value)}::text[]`
    return op === 'is_empty' ? sql<boolean>`cardinality(${e}) = 0` : sql<boolean>`cardinality(${e}) > 0`
  }
  const cast = def.type === 'uuid' ? sql.raw('::uuid') : def.type === 'number' ? sql.raw('::numeric') : sql.raw('::text')
  switch (op) {
    case 'eq': return sql<boolean>`${e} = ${c.value}${cast}`
    case 'neq': return sql<boolean>`${e} IS DISTINCT FROM ${c.value}${cast}`
    case 'in': return sql<boolean>`${e} IN (${sql.join((c.value as string[]).map((v) => sql`${v}${cast}`))})`
    case 'contains': return sql<boolean>`${e} ILIKE ${`%${escapeLike(String(c.value))}%`}`
    case 'starts_with': return sql<boolean>`${e} ILIKE ${`${escapeLike(String(c.value))}%`}`
    case 'gt': return sql<boolean>`${e} > ${c.value}${cast}`
    case 'lt': return sql<boolean>`${e} < ${c.value}${cast}`
    case 'before': return sql<boolean>`${e} < ${c.value}::date`
    case 'after': return sql<boolean>`${e} >= (${c.value}::date + 1)`
    case 'within_days': return sql<boolean>`${e} >= now() - ${days(c.value)}`
    case 'older_than_days': return sql<boolean>`${e} < now() - ${days(c.value)}`
    case 'is_empty': return def.type === 'text' ? sql<boolean>`coalesce(${e}, '') = ''` : sql<boolean>`${e} IS NULL`
    default: return def.type === 'text' ? sql<boolean>`coalesce(${e}, '') <> ''` : sql<boolean>`${e} IS NOT NULL`
  }
}

/** The WHERE of one branch, for a filter that validateSegmentFilter accepted. */
export function compileSegment(filter: SegmentFilter, branch: Branch): RawBuilder<boolean> {
  const items = 'all' in filter ? filter.all : filter.any
  const parts = items.map((c) => compileCondition(c, branch))
  return sql<boolean>`(${sql.join(parts, sql.raw('all' in filter ? ' AND ' : ' OR '))})`
}
