import type { Condition, SegmentFilter, SegmentOp } from './types'

/** How a condition's value is entered. */
export type ValueKind = 'text' | 'multi' | 'enum' | 'enumMulti' | 'number' | 'days' | 'date' | 'user' | 'campaign' | 'none'
type FieldType = 'text' | 'enum' | 'tags' | 'uuid' | 'number' | 'date' | 'orders'
export type FieldGroup = 'customer' | 'contact' | 'lead'

export interface FieldDef {
  key: string
  group: FieldGroup
  type: FieldType
  /** What a uuid field points at. */
  ref?: 'user' | 'campaign'
  /** For enums: the values (labels from i18n `mailingLists.values.<field>.<value>`). */
  options?: readonly string[]
}

/**
 * The fields a segment can filter on: the server's whitelist (mailing-lists.filter.ts
 * SEGMENT_FIELDS). A field or operator the server does not know is refused with a 400 on that
 * row, shown under it.
 */
export const SEGMENT_FIELDS: FieldDef[] = [
  { key: 'customer.industry', group: 'customer', type: 'text' },
  { key: 'customer.city', group: 'customer', type: 'text' },
  { key: 'customer.region', group: 'customer', type: 'text' },
  { key: 'customer.country', group: 'customer', type: 'text' },
  { key: 'customer.tags', group: 'customer', type: 'tags' },
  { key: 'customer.status', group: 'customer', type: 'enum', options: ['prospect', 'active', 'inactive'] },
  { key: 'customer.type', group: 'customer', type: 'enum', options: ['company', 'person'] },
  { key: 'customer.source', group: 'customer', type: 'text' },
  { key: 'customer.ownerId', group: 'customer', type: 'uuid', ref: 'user' },
  { key: 'customer.createdAt', group: 'customer', type: 'date' },
  { key: 'customer.lastOrderAt', group: 'customer', type: 'orders' },
  { key: 'contact.title', group: 'contact', type: 'text' },
  { key: 'lead.status', group: 'lead', type: 'enum', options: ['new', 'contacted', 'qualified', 'unqualified', 'converted'] },
  { key: 'lead.source', group: 'lead', type: 'text' },
  { key: 'lead.score', group: 'lead', type: 'number' },
  { key: 'lead.ownerId', group: 'lead', type: 'uuid', ref: 'user' },
  { key: 'lead.campaignId', group: 'lead', type: 'uuid', ref: 'campaign' },
  { key: 'lead.createdAt', group: 'lead', type: 'date' },
]

/** Operators per field type, as the server's OPS_BY_TYPE (typed against its SegmentOp). */
export const OPS_BY_TYPE: Record<FieldType, readonly SegmentOp[]> = {
  text: ['eq', 'neq', 'in', 'contains', 'is_empty', 'is_not_empty'],
  enum: ['eq', 'neq', 'in'],
  tags: ['contains', 'in', 'is_empty', 'is_not_empty'],
  uuid: ['eq', 'neq', 'is_empty', 'is_not_empty'],
  number: ['eq', 'neq', 'gt', 'lt'],
  date: ['before', 'after', 'within_days', 'older_than_days', 'is_empty', 'is_not_empty'],
  orders: ['within_days', 'not_within_days', 'older_than_days', 'is_empty', 'is_not_empty'],
}

const byKey = new Map(SEGMENT_FIELDS.map((f) => [f.key, f]))
export const fieldDef = (key: string): FieldDef | undefined => byKey.get(key)
export const opsOf = (field: string): readonly SegmentOp[] => OPS_BY_TYPE[byKey.get(field)?.type ?? 'text']
/** "customer.industry" → "customer_industry": i18n keys cannot hold the dot. */
export const fieldLabelKey = (field: string) => `mailingLists.segmentFields.${field.replace('.', '_')}`

/** What the value input of this field + operator is. */
export function valueKindOf(field: string, op: string): ValueKind {
  const def = byKey.get(field)
  if (op === 'is_empty' || op === 'is_not_empty') return 'none'
  if (op === 'within_days' || op === 'older_than_days' || op === 'not_within_days') return 'days'
  if (op === 'before' || op === 'after') return 'date'
  if (!def) return 'text'
  if (def.type === 'enum') return op === 'in' ? 'enumMulti' : 'enum'
  if (op === 'in') return 'multi'
  if (def.type === 'number') return 'number'
  if (def.type === 'uuid') return def.ref ?? 'text'
  return 'text'
}

export type Match = 'all' | 'any'
export interface SegmentDraft {
  match: Match
  conditions: Condition[]
}

export const emptyCondition = (field = 'customer.industry'): Condition => ({ field, op: opsOf(field)[0] ?? 'eq', value: '' })

export function toDraft(filter: SegmentFilter | null | undefined): SegmentDraft {
  if (filter && 'any' in filter) return { match: 'any', conditions: filter.any }
  if (filter && 'all' in filter) return { match: 'all', conditions: filter.all }
  return { match: 'all', conditions: [emptyCondition()] }
}

/** A row is complete when its value is given (or its operator takes none). */
export function isComplete(c: Condition): boolean {
  const kind = valueKindOf(c.field, c.op)
  if (kind === 'none') return true
  if (Array.isArray(c.value)) return c.value.length > 0
  if (typeof c.value === 'string') return c.value.trim() !== ''
  return c.value !== undefined && c.value !== null
}

/** The filter as the API takes it; operators without a value send none. */
export function toFilter(draft: SegmentDraft, onlyComplete = false): SegmentFilter {
  const rows = (onlyComplete ? draft.conditions.filter(isComplete) : draft.conditions).map((c) => {
    const kind = valueKindOf(c.field, c.op)
    if (kind === 'none') return { field: c.field, op: c.op }
    return { field: c.field, op: c.op, value: typeof c.value === 'string' ? c.value.trim() : c.value }
  })
  return draft.match === 'any' ? { any: rows } : { all: rows }
}

/** A field's error from the server ("filter.all.1.value") → the row index it belongs to. */
export function rowOfPath(path: string): number | null {
  const m = /^filter\.(?:all|any)\.(\d+)/.exec(path)
  return m ? Number(m[1]) : null
}

/** Server field errors of a filter, by row ("filter.all.1.field: Unknown field" → {1: "Unknown field"}). */
export function rowErrorsOf(errors: { path: string; message: string }[], translate: (m: string) => string): Record<number, string> {
  const out: Record<number, string> = {}
  for (const e of errors) {
    // Errors may be reported relative to the filter itself ("all.1.field") by a preview endpoint.
    const row = rowOfPath(e.path.startsWith('filter.') ? e.path : `filter.${e.path}`)
    if (row !== null) out[row] = out[row] ? `${out[row]}; ${translate(e.message)}` : translate(e.message)
  }
  return out
}
