import { z } from 'zod'
import type { ImportField, ImportOptions } from './imports.schema'
import { currencySchema } from '../../lib/money'
import { RowIssue, parseBoolean, parseDate, parseInteger, parseMoney, parseTags } from './values'
import { matchValue } from './mapping'
import type { RawRecord } from './readers'

export interface Issue {
  path: string
  message: string
}

/** A file row after mapping and typing: field → value (refs still as text), or its problems. */
export interface PreparedRow {
  row: number
  cells: string[]
  values: Record<string, unknown>
  errors: Issue[]
}

export interface Plan {
  fields: ImportField[]
  /** Per column index: the field it feeds, or null. */
  targets: (ImportField | null)[]
  columns: string[]
  valueMapping: Record<string, Record<string, string>>
  dayFirst: boolean
}

export function makePlan(columns: string[], fields: ImportField[], opts: Pick<ImportOptions, 'mapping' | 'valueMapping' | 'dayFirst'>, proposed: Record<string, string | null>): Plan {
  const mapping = opts.mapping ?? proposed
  const byKey = new Map(fields.map((f) => [f.key, f]))
  return {
    fields,
    columns,
    targets: columns.map((c) => (mapping[c] ? byKey.get(mapping[c]!) ?? null : null)),
    valueMapping: opts.valueMapping ?? {},
    dayFirst: opts.dayFirst,
  }
}

/** Mapping errors: unknown columns or fields, a field fed twice, a required field left out. */
export function checkMapping(columns: string[], fields: ImportField[], mapping: Record<string, string | null>): Issue[] {
  const issues: Issue[] = []
  const keys = new Set(fields.map((f) => f.key))
  const used = new Map<string, string>()
  for (const [column, key] of Object.entries(mapping)) {
    if (!columns.includes(column)) issues.push({ path: `mapping.${column}`, message: 'No such column in the file' })
    if (key === null) continue
    if (!keys.has(key)) issues.push({ path: `mapping.${column}`, message: `Unknown field "${key}"` })
    else if (used.has(key)) issues.push({ path: `mapping.${column}`, message: `"${key}" is already fed by column "${used.get(key)}"` })
    else used.set(key, column)
  }
  for (const f of fields) if (f.required && !used.has(f.key)) issues.push({ path: `mapping`, message: `Map a column to the required field "${f.key}"` })
  return issues
}

const emailCheck = z.email()

export function prepareRow(plan: Plan, rec: RawRecord): PreparedRow {
  const values: Record<string, unknown> = {}
  const errors: Issue[] = []
  const width = plan.columns.length
  const extra = rec.cells.slice(width).filter((c) => c.trim() !== '')
  if (extra.length > 0) errors.push({ path: 'row', message: `The row has ${rec.cells.length} cells but the header has ${width}` })
  plan.targets.forEach((field, i) => {
    if (!field) return
    const raw = unescapeFormula((rec.cells[i] ?? '').trim())
    if (raw === '') return
    try {
      values[field.key] = typed(field, raw, plan)
    } catch (err) {
      if (!(err instanceof RowIssue)) throw err
      errors.push({ path: field.key, message: err.message })
    }
  })
  return { row: rec.row, cells: rec.cells, values, errors }
}

function typed(field: ImportField, raw: string, plan: Plan): unknown {
  switch (field.kind) {
    case 'date':
      return parseDate(raw, plan.dayFirst)
    case 'money':
      return parseMoney(raw)
    case 'integer':
      return parseInteger(raw)
    case 'boolean':
      return parseBoolean(raw)
    case 'tags':
      return parseTags(raw)
    case 'email':
      if (!emailCheck.safeParse(raw.toLowerCase()).success) throw new RowIssue(`"${raw}" is not an e-mail address`)
      return raw.toLowerCase()
    case 'currency': {
      const c = currencySchema.safeParse(raw === '¥' || raw === '元' || raw === '人民币' || raw === 'RMB' ? 'CNY' : raw)
      if (!c.success) throw new RowIssue(`"${raw}" is not a currency code such as CNY or USD`)
      return c.data
    }
    case 'enum': {
      const mapped = plan.valueMapping[field.key]?.[raw]
      const value = mapped ?? matchValue(raw, field)
      if (!value || !(field.values ?? []).some((v) => v.value === value)) {
        throw new RowIssue(`"${raw}" is not one of: ${(field.values ?? []).map((v) => `${v.value} (${v.label})`).join(', ')}`)
      }
      return value
    }
    default:
      return raw
  }
}

/** Spreadsheet apps run a cell that starts with = + - @ as a formula: written out, it gets a leading '. */
export const escapeFormula = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)
/** …and that ' is dropped again when such a file is imported back. */
export const unescapeFormula = (v: string) => (/^'[=+\-@]/.test(v) ? v.slice(1) : v)
