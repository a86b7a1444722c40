import { z } from 'zod'
import type { ImportEntity, ImportField, ImportOptions } from './imports.schema'
import { fieldLabel, missingRequiredField, type ImportLang } from './messages'
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
  /** The mapped date fields this row leaves blank (the dry run counts them). */
  blankDates?: string[]
}

export interface Plan {
  fields: ImportField[]
  /** Per column index: the field it feeds, or null. */
  targets: (ImportField | null)[]
  columns: string[]
  /** Per field: its value mapping as a lookup by the cell as compared (trimmed, folded). */
  replacements: Map<string, ValueLookup>
  dayFirst: boolean
  blankDates: NonNullable<ImportOptions['blankDates']>
  lang: ImportLang
}

interface ValueLookup {
  byValue: Map<string, string>
  trim: boolean
  ignoreCase: boolean
}

const matchKey = (v: string, l: Pick<ValueLookup, 'trim' | 'ignoreCase'>) => {
  const t = l.trim ? v.trim() : v
  return l.ignoreCase ? t.toLowerCase() : t
}

function lookups(opts: Pick<ImportOptions, 'valueMapping' | 'valueMatching'>): Map<string, ValueLookup> {
  const out = new Map<string, ValueLookup>()
  for (const [key, pairs] of Object.entries(opts.valueMapping ?? {})) {
    const how = { trim: opts.valueMatching?.[key]?.trim ?? true, ignoreCase: opts.valueMatching?.[key]?.ignoreCase ?? false }
    const byValue = new Map<string, string>()
    // The first of two sources that fold to one key wins, as it would read top to bottom.
    for (const [from, to] of Object.entries(pairs)) if (!byValue.has(matchKey(from, how))) byValue.set(matchKey(from, how), to)
    out.set(key, { ...how, byValue })
  }
  return out
}

/** Kinds whose cells are compared as whole text: value mapping applies to them (not to dates, amounts…). */
const MAPPABLE_KINDS = new Set<ImportField['kind']>(['text', 'enum', 'email', 'phone', 'url', 'currency', 'ref'])

/** A valueMapping the job could not apply is refused rather than ignored. */
export function checkValueMapping(fields: ImportField[], mapping: Record<string, string | null>, opts: Pick<ImportOptions, 'valueMapping' | 'valueMatching'>, lang: ImportLang): Issue[] {
  const issues: Issue[] = []
  const fed = new Set(Object.values(mapping).filter(Boolean))
  const zh = lang === 'zh-CN'
  for (const key of Object.keys(opts.valueMapping ?? {})) {
    const field = fields.find((f) => f.key === key)
    const path = `valueMapping.${key}`
    if (!field) issues.push({ path, message: zh ? `没有名为“${key}”的字段` : `Unknown field "${key}"` })
    else if (!MAPPABLE_KINDS.has(field.kind)) {
      issues.push({ path, message: zh ? `“${fieldLabel(key, lang)}”不是文本或选项字段，不能做值映射` : `${fieldLabel(key, lang)} is not a text or fixed-choice field: its values cannot be mapped` })
    } else if (!fed.has(key)) issues.push({ path, message: zh ? `没有列映射到“${fieldLabel(key, lang)}”` : `No column is mapped to ${fieldLabel(key, lang)}` })
  }
  for (const key of Object.keys(opts.valueMatching ?? {})) {
    if (!opts.valueMapping?.[key]) issues.push({ path: `valueMatching.${key}`, message: zh ? '此字段没有值映射' : 'This field has no valueMapping' })
  }
  return issues
}

export function makePlan(columns: string[], fields: ImportField[], opts: Pick<ImportOptions, 'mapping' | 'valueMapping' | 'valueMatching' | 'dayFirst' | 'blankDates' | 'lang'>, proposed: Record<string, string | null>): Plan {
  const mapping = opts.mapping ?? proposed
  const byKey = new Map(fields.map((f) => [f.key, f]))
  return {
    fields,
    columns,
    targets: columns.map((c) => (mapping[c] ? byKey.get(mapping[c]!) ?? null : null)),
    replacements: lookups(opts),
    blankDates: opts.blankDates ?? {},
    lang: opts.lang ?? 'en',
    dayFirst: opts.dayFirst,
  }
}

/**
 * Mapping errors: unknown columns or fields, a field fed twice, a required field left out. Checked
 * before a job starts, for the proposed mapping too: a missing field would fail every row.
 */
export function checkMapping(columns: string[], fields: ImportField[], mapping: Record<string, string | null>, entity: ImportEntity, lang: ImportLang): Issue[] {
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
  for (const f of fields) if (f.required && !used.has(f.key)) issues.push({ path: 'mapping', message: missingRequiredField(f.key, entity, lang) })
  return issues
}

const emailCheck = z.email()

export function prepareRow(plan: Plan, rec: RawRecord): PreparedRow {
  const values: Record<string, unknown> = {}
  const errors: Issue[] = []
  let blanks: string[] | undefined
  const width = plan.columns.length
  const extra = rec.cells.slice(width).filter((c) => c.trim() !== '')
  if (extra.length > 0) errors.push({ path: 'row', message: `The row has ${rec.cells.length} cells but the header has ${width}` })
  plan.targets.forEach((field, i) => {
    if (!field) return
    const cell = rec.cells[i] ?? ''
    const lookup = plan.replacements.get(field.key)
    const replaced = lookup?.byValue.get(matchKey(cell, lookup))
    const raw = unescapeFormula((replaced ?? cell).trim())
    if (raw === '') {
      if (field.kind === 'date') blankDate(plan, field.key, values, errors, (blanks ??= []))
      return
    }
    try {
      values[field.key] = typed(field, raw, plan)
    } catch (err) {
      if (!(err instanceof RowIssue)) throw err
      errors.push({ path: field.key, message: err.message })
    }
  })
  return { row: rec.row, cells: rec.cells, values, errors, blankDates: blanks }
}

function blankDate(plan: Plan, key: string, values: Record<string, unknown>, errors: Issue[], blanks: string[]) {
  blanks.push(key)
  const rule = plan.blankDates[key]
  if (rule === 'reject') errors.push({ path: key, message: plan.lang === 'zh-CN' ? '日期为空' : 'The date is empty' })
  else if (rule && rule !== 'empty') values[key] = rule
}

/** Date fields a record cannot leave empty: a blank one becomes the import day unless the user picks a date. */
const DATES_NEVER_EMPTY = new Set(['createdAt', 'closedAt'])

/** A blank-date rule the job could not apply is refused rather than ignored. */
export function checkBlankDates(fields: ImportField[], mapping: Record<string, string | null>, rules: ImportOptions['blankDates'], lang: ImportLang): Issue[] {
  const issues: Issue[] = []
  const fed = new Set(Object.values(mapping).filter(Boolean))
  const zh = lang === 'zh-CN'
  for (const [key, rule] of Object.entries(rules ?? {})) {
    const field = fields.find((f) => f.key === key)
    const path = `blankDates.${key}`
    const label = fieldLabel(key, lang)
    if (!field || field.kind !== 'date') issues.push({ path, message: zh ? `“${label}”不是日期字段` : `${label} is not a date field` })
    else if (!fed.has(key)) issues.push({ path, message: zh ? `没有列映射到“${label}”` : `No column is mapped to ${label}` })
    else if (rule === 'empty' && DATES_NEVER_EMPTY.has(key)) {
      issues.push({ path, message: zh ? `“${label}”不能为空：请指定一个日期，或拒绝这些行` : `${label} cannot be left empty: choose a date, or to reject the row` })
    }
  }
  return issues
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
      const value = (field.values ?? []).some((v) => v.value === raw) ? raw : matchValue(raw, field)
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
