/**
 * What a column holds, from its values over many rows (up to PROFILE_ROWS, read as a stream):
 * the kinds of its values and its distinct values. Mapping suggestions and the value mapping of
 * choice fields rest on it, so a value first seen in row 5,000 is as known as one in row 2.
 */
export type InferredType = 'empty' | 'numeric' | 'date' | 'email' | 'phone' | 'money' | 'text'
type ValueType = Exclude<InferredType, 'empty'>

export interface ColumnProfile {
  filled: number
  counts: Record<ValueType, number>
  /** Values a phone field would take: phone-shaped, or bare digit runs long enough to be one. */
  phoneLike: number
  /** Distinct trimmed values with their counts, the first MAX_DISTINCT of them. */
  distinct: Map<string, number>
  /** More distinct values than kept: not a choice column. */
  overflow: boolean
}

export const PROFILE_ROWS = 10_000
export const MAX_DISTINCT = 1_000

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const DATE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T\s].*)?|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]?|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})$/
const MONEY = /^(?:(?:¥|￥|\$|€|£|RMB|CNY|USD|EUR)\s*-?[\d,]+(?:\.\d+)?|-?[\d,]+(?:\.\d+)?\s*(?:元|CNY|RMB|USD|EUR))$/i
const NUMBER = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/
const PHONE = /^(?:\+|＋)?[\d\s()\-–.]{6,24}(?:\s*(?:x|ext\.?|extension|#|转|分机)\s*\d{1,7})?$/i

export function classify(v: string): ValueType {
  if (EMAIL.test(v)) return 'email'
  if (DATE.test(v)) return 'date'
  if (MONEY.test(v)) return 'money'
  const digits = v.replace(/\D/g, '').length
  if (NUMBER.test(v)) {
    // A bare run of digits is a number, unless it is written as phones are: a trunk 0, or a Chinese mobile.
    return /^\d+$/.test(v) && digits >= 7 && digits <= 15 && (v.startsWith('0') || (digits === 11 && v.startsWith('1'))) ? 'phone' : 'numeric'
  }
  if (PHONE.test(v) && digits >= 7 && digits <= 18) return 'phone'
  return 'text'
}

export const emptyProfile = (): ColumnProfile => ({
  filled: 0, counts: { numeric: 0, date: 0, email: 0, phone: 0, money: 0, text: 0 }, phoneLike: 0, distinct: new Map(), overflow: false,
})

/** Accumulates profiles row by row, so a file is profiled while streamed. */
export class Profiler {
  readonly profiles: ColumnProfile[]
  rows = 0
  constructor(width: number) {
    this.profiles = Array.from({ length: width }, emptyProfile)
  }
  add(cells: string[]) {
    this.rows++
    this.profiles.forEach((p, i) => {
      const v = (cells[i] ?? '').trim()
      if (!v) return
      p.filled++
      const type = classify(v)
      p.counts[type]++
      if (type === 'phone' || (type === 'numeric' && /^\d{7,15}$/.test(v))) p.phoneLike++
      const n = p.distinct.get(v)
      if (n !== undefined) p.distinct.set(v, n + 1)
      else if (p.distinct.size < MAX_DISTINCT) p.distinct.set(v, 1)
      else p.overflow = true
    })
  }
}

export function profileRows(width: number, rows: string[][]): ColumnProfile[] {
  const p = new Profiler(width)
  for (const r of rows) p.add(r)
  return p.profiles
}

/** The column's type: the kind of at least 80% of its filled values, else text. */
export function inferType(p: ColumnProfile | undefined): InferredType {
  if (!p || p.filled === 0) return 'empty'
  for (const t of ['email', 'phone', 'date', 'money', 'numeric'] as const) if (p.counts[t] / p.filled >= 0.8) return t
  // Amounts written with and without a currency sign are amounts.
  if ((p.counts.money + p.counts.numeric) / p.filled >= 0.8 && p.counts.money > 0) return 'money'
  return 'text'
}
