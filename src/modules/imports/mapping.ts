import type { ImportField } from './imports.schema'
import { HEADER_SYNONYMS, VALUE_SYNONYMS } from './targets'
import { normalizeLabel, similarity } from './values'
import type { RawRecord } from './readers'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE = /^\+?[\d\s()\-–]{7,20}$/

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

/** Column → field, from header names first, then from what the unmapped columns hold. */
export function proposeMapping(columns: string[], rows: string[][], fields: ImportField[]): Record<string, string | null> {
  const mapping: Record<string, string | null> = {}
  const taken = new Set<string>()
  const keys = new Set(fields.map((f) => f.key))
  const byLabel = new Map<string, string[]>()
  for (const key of keys) {
    for (const label of [key, ...(HEADER_SYNONYMS[key] ?? [])]) {
      const l = normalizeLabel(label)
      byLabel.set(l, [...(byLabel.get(l) ?? []), key])
    }
  }
  for (const column of columns) {
    const candidates = (byLabel.get(normalizeLabel(column)) ?? []).filter((k) => !taken.has(k))
    // "Customer name" names the customer of a contact or deal, not the record itself.
    const key = candidates.find((k) => k !== 'name') ?? candidates[0]
    mapping[column] = key ?? null
    if (key) taken.add(key)
  }
  // Near matches: "Email Address 1", "客户手机".
  for (const column of columns) {
    if (mapping[column]) continue
    let best: { key: string; score: number } | null = null
    for (const [label, ks] of byLabel) {
      for (const k of ks) {
        if (taken.has(k)) continue
        const score = label.length >= 2 && normalizeLabel(column).includes(label) ? 0.8 : similarity(column, label)
        if (score >= 0.75 && (!best || score > best.score)) best = { key: k, score }
      }
    }
    if (best) {
      mapping[column] = best.key
      taken.add(best.key)
    }
  }
  // Data sniffing: a column of e-mails or phone numbers is one, whatever its header says.
  columns.forEach((column, i) => {
    if (mapping[column]) return
    const values = rows.map((r) => (r[i] ?? '').trim()).filter(Boolean)
    if (values.length === 0) return
    const share = (re: RegExp) => values.filter((v) => re.test(v)).length / values.length
    if (keys.has('email') && !taken.has('email') && share(EMAIL) >= 0.8) {
      mapping[column] = 'email'
      taken.add('email')
    } else if (keys.has('phone') && !taken.has('phone') && share(PHONE) >= 0.8 && values.some((v) => v.replace(/\D/g, '').length >= 7)) {
      mapping[column] = 'phone'
      taken.add('phone')
    }
  })
  return mapping
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

/** For each mapped enum field: every distinct value of the sample rows → its proposed stored value. */
export function proposeValueMapping(mapping: Record<string, string | null>, columns: string[], rows: string[][], fields: ImportField[]) {
  const out: Record<string, Record<string, string>> = {}
  columns.forEach((column, i) => {
    const field = fields.find((f) => f.key === mapping[column])
    if (!field || field.kind !== 'enum') return
    const proposals: Record<string, string> = {}
    for (const r of rows) {
      const raw = (r[i] ?? '').trim()
      if (!raw || raw in proposals) continue
      const match = matchValue(raw, field)
      if (match) proposals[raw] = match
    }
    out[field.key] = proposals
  })
  return out
}
