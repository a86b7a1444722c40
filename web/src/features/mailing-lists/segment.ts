import { OPS_BY_TYPE, SEGMENT_FIELD_LIST, type SegmentField, type SegmentFieldGroup } from '@server/modules/mailing-lists/segment-fields'
import type { Condition, SegmentFilter, SegmentOp } from './types'

/** How a condition's value is entered. */
export type ValueKind = 'text' | 'multi' | 'enum' | 'enumMulti' | 'number' | 'days' | 'date' | 'user' | 'campaign' | 'none'
export type { SegmentFieldGroup as FieldGroup }

/**
 * The fields a segment can filter on are the server's own list (segment-fields.ts); a field or
 * operator the server refuses anyway is shown under its row.
 */
export const SEGMENT_FIELDS = SEGMENT_FIELD_LIST

const byKey = new Map(SEGMENT_FIELDS.map((f) => [f.key, f]))
export const fieldDef = (key: string): SegmentField | undefined => byKey.get(key)
/** The server's operators for the field's type; a user or campaign is picked one at a time, so not `in` for those. */
export const opsOf = (field: string): readonly SegmentOp[] => {
  const type = byKey.get(field)?.type ?? 'text'
  return type === 'uuid' ? OPS_BY_TYPE.uuid.filter((op) => op !== 'in') : OPS_BY_TYPE[type]
}
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
