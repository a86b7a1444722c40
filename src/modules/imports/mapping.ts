import type { ImportEntity, ImportField } from './imports.schema'
import { emptyProfile, inferType, profileRows, type ColumnProfile, type InferredType } from './profile'
import { HEADER_SYNONYMS, NAME_SYNONYMS, VALUE_SYNONYMS } from './targets'
import { normalizeLabel, similarity } from './values'
import type { RawRecord } from './readers'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * The header row: of the first rows, the first that is about as wide as the widest and holds
 * labels rather than data (e-mails, numbers, dates). Exports often start with a title line.
 */
export function detectHeader(records: RawRecord[]): number {
  const first = records.slice(0, 10)
  const width = (r: RawRecord) => r.cells.filter((c) => c.trim() !== '').length
  const widest = Math.max(0, ...first.map(width))
  for (let i = 0; i < first.length; i++) {
    const filled = first[i]!.cells.map((c) => c.trim()).filter(Boolean)
    if (filled.length < Math.max(1, widest * 0.6)) continue
    const dataLike = filled.filter((c) => EMAIL.test(c) || /^[\d\s.,:/\-+%¥$]+$/.test(c)).length
    if (dataLike <= filled.length * 0.25) return i
  }
  return 0
}

/** Header cells as column names: trimmed, blanks named by position, repeats numbered. */
export function columnNames(header: string[]): string[] {
  const seen = new Map<string, number>()
  return header.map((h, i) => {
    let name = h.replace(/^\uFEFF/, '').trim() || `Column ${i + 1}`
    const n = (seen.get(name) ?? 0) + 1
    seen.set(name, n)
    if (n > 1) name = `${name} (${n})`
    return name
  })
}

export type Confidence = 'high' | 'medium' | 'low'

/** A column's proposal: the field (null = left unmapped), how sure, and a field it might be when left unmapped. */
export interface Suggestion {
  field: string | null
  confidence: Confidence | null
  type: InferredType
  /** Unmapped on purpose: the field its header suggests, which its values contradict. */
  hint: string | null
  reason: string | null
}

/** Fields that name a record or point at one by name: a column of numbers is never one of them unasked. */
const IDENTITY = new Set(['name', 'company', 'customer', 'owner', 'title', 'address.city', 'address.country'])

/** Share of a column's filled values a field of this kind would take. */
function fit(field: ImportField, p: ColumnProfile): number {
  if (p.filled === 0) return 1
  const share = (n: number) => n / p.filled
  switch (field.kind) {
    case 'email':
      return share(p.counts.email)
    case 'phone':
      return share(p.phoneLike)
    case 'date':
      return share(p.counts.date)
    case 'money':
      return share(p.counts.money + p.counts.numeric)
    case 'integer':
      return share(p.counts.numeric)
    default:
      return IDENTITY.has(field.key) || field.kind === 'ref' ? 1 - share(p.counts.numeric + p.counts.money) : 1
  }
}

const TYPE_WORDS: Record<InferredType, string> = { empty: 'blank', numeric: 'numbers', date: 'dates', email: 'e-mail addresses', phone: 'phone numbers', money: 'amounts', text: 'text' }

/**
 * Column → field with a confidence, from the header and the column's values together: a header
 * alone mapped "employees" (a staff count) to the company. An exact header whose values fit is
 * high; a near header, or values alone (a column of e-mails), medium; a header whose values
 * contradict it (numbers for a name) stays unmapped, with the field as a low-confidence hint.
 */
export function suggestMapping(columns: string[], profiles: ColumnProfile[], fields: ImportField[], entity?: ImportEntity): Record<string, Suggestion> {
  const out: Record<string, Suggestion> = {}
  const taken = new Set<string>()
  const byKey = new Map(fields.map((f) => [f.key, f]))
  const byLabel = new Map<string, string[]>()
  for (const key of byKey.keys()) {
    const words = [key, ...(HEADER_SYNONYMS[key] ?? []), ...(key === 'name' && entity ? NAME_SYNONYMS[entity] ?? [] : [])]
    for (const label of words) {
      const l = normalizeLabel(label)
      if (!byLabel.get(l)?.includes(key)) byLabel.set(l, [...(byLabel.get(l) ?? []), key])
    }
  }
  const empty = (i: number): Suggestion => ({ field: null, confidence: null, type: inferType(profiles[i]), hint: null, reason: null })
  columns.forEach((c, i) => (out[c] = empty(i)))
  /** Takes the field when the values fit it, else leaves a hint; true when the column is settled either way. */
  const offer = (column: string, i: number, key: string, exact: boolean): boolean => {
    const field = byKey.get(key)!
    const p = profiles[i] ?? emptyProfile()
    const f = fit(field, p)
    const s = out[column]!
    if (f >= 0.9) {
      Object.assign(s, { field: key, confidence: exact ? 'high' : 'medium', reason: null })
      taken.add(key)
      return true
    }
    if (f >= 0.5 && exact) {
      Object.assign(s, { field: key, confidence: 'medium', reason: `${Math.round((1 - f) * 100)}% of its values do not fit` })
      taken.add(key)
      return true
    }
    if (!s.hint) Object.assign(s, { hint: key, confidence: 'low', reason: `its values are ${TYPE_WORDS[s.type]}` })
    return false
  }
  // Exact header names first.
  columns.forEach((column, i) => {
    const candidates = (byLabel.get(normalizeLabel(column)) ?? []).filter((k) => !taken.has(k))
    // "Customer name" names the customer of a contact or deal, not the record itself.
    candidates.sort((a, b) => Number(a === 'name') - Number(b === 'name'))
    for (const key of candidates) if (offer(column, i, key, true)) break
  })
  // Near matches: "Email Address 1", "客户手机".
  columns.forEach((column, i) => {
    if (out[column]!.field || out[column]!.hint) return
    const scored: { key: string; score: number }[] = []
    for (const [label, ks] of byLabel) {
      for (const k of ks) {
        if (taken.has(k)) continue
        const score = label.length >= 2 && normalizeLabel(column).includes(label) ? 0.8 : similarity(column, label)
        if (score >= 0.75) scored.push({ key: k, score })
      }
    }
    scored.sort((a, b) => b.score - a.score)
    for (const { key } of scored) if (offer(column, i, key, false)) break
  })
  // Data sniffing: a column of e-mails or phone numbers is one, whatever its header says.
  columns.forEach((column, i) => {
    const s = out[column]!
    if (s.field) return
    const p = profiles[i]
    if (!p || p.filled === 0) return
    if (byKey.has('email') && !taken.has('email') && p.counts.email / p.filled >= 0.8) {
      Object.assign(s, { field: 'email', confidence: 'medium', hint: null, reason: 'its values are e-mail addresses' })
      taken.add('email')
    } else if (byKey.has('phone') && !taken.has('phone') && p.counts.phone / p.filled >= 0.8) {
      Object.assign(s, { field: 'phone', confidence: 'medium', hint: null, reason: 'its values are phone numbers' })
      taken.add('phone')
    }
  })
  return out
}

/** Column → field (null = unmapped): the suggestions' fields. Rows or a profile of them. */
export function proposeMapping(columns: string[], rows: string[][] | ColumnProfile[], fields: ImportField[], entity?: ImportEntity): Record<string, string | null> {
  const profiles = rows.length > 0 && !Array.isArray(rows[0]) ? (rows as ColumnProfile[]) : profileRows(columns.length, rows as string[][])
  const s = suggestMapping(columns, profiles, fields, entity)
  return Object.fromEntries(columns.map((c) => [c, s[c]!.field]))
}

/** The stored value a source value most likely means, or null when nothing is close. */
export function matchValue(raw: string, field: ImportField): string | null {
  const values = field.values ?? []
  const n = normalizeLabel(raw)
  if (!n) return null
  for (const v of values) if (normalizeLabel(v.value) === n || normalizeLabel(v.label) === n) return v.value
  for (const v of values) {
    if ((VALUE_SYNONYMS[v.value] ?? []).some((s) => normalizeLabel(s) === n)) return v.value
  }
  let best: { value: string; score: number } | null = null
  for (const v of values) {
    for (const label of [v.value, v.label, ...(VALUE_SYNONYMS[v.value] ?? [])]) {
      const score = similarity(raw, label)
      if (score >= 0.5 && (!best || score > best.score)) best = { value: v.value, score }
    }
  }
  return best?.value ?? null
}

/** For each mapped enum field: every distinct value of the profiled rows (not just the first few) → its proposed stored value. */
export function proposeValueMapping(mapping: Record<string, string | null>, columns: string[], profiles: ColumnProfile[], fields: ImportField[]) {
  const out: Record<string, Record<string, string>> = {}
  columns.forEach((column, i) => {
    const field = fields.find((f) => f.key === mapping[column])
    if (!field || field.kind !== 'enum') return
    const proposals: Record<string, string> = {}
    for (const raw of profiles[i]?.distinct.keys() ?? []) {
      const match = matchValue(raw, field)
      if (match) proposals[raw] = match
    }
    out[field.key] = proposals
  })
  return out
}
