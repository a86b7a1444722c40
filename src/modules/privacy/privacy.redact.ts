import { ERASED } from './privacy.schema'

/**
 * The person's identifiers as one case-insensitive pattern, longest first (so a full e-mail goes
 * before a name inside it). Used both in JavaScript and as a PostgreSQL regular expression: the
 * escapes below mean the same in both.
 */
export function termsPattern(terms: string[]): string | null {
  const usable = [...new Set(terms.map((t) => t.trim()).filter((t) => t.length >= 2))].sort((a, b) => b.length - a.length)
  if (!usable.length) return null
  return usable.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')
}

/** Keys whose values are the person's own words or details, wherever they appear (an audit diff, a journal's `before`). */
export const PERSONAL_KEYS = new Set([
  'name', 'email', 'phone', 'company', 'title', 'website', 'address', 'description', 'tags',
  'subject', 'body', 'notes', 'resolution', 'expectedResolution', 'satisfactionComment',
  'contactName', 'contactEmail', 'contactPhone', 'authorName', 'sentTo', 'recipients', 'message',
  'lostReason', 'rejectReason', 'form', 'mergedFrom', 'mergedInto',
])

/**
 * A JSON value with the person's values gone: under a personal key every non-empty value
 * becomes the marker (keeping the shape an audit diff has: `{before, after}`), and anywhere else
 * an identifier inside a string is replaced. Keys, numbers, dates and ids stay, so the row
 * still says what changed and when.
 */
export function redactJson(value: unknown, pattern: string | null, personal = true): unknown {
  const re = pattern ? new RegExp(pattern, 'giu') : null
  const walk = (v: unknown, underPersonal: boolean): unknown => {
    if (v === null || v === undefined) return v
    if (Array.isArray(v)) return v.map((x) => walk(x, underPersonal))
    if (typeof v === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        out[k] = walk(x, underPersonal || (personal && PERSONAL_KEYS.has(k)))
      }
      return out
    }
    if (underPersonal) return typeof v === 'string' && v === '' ? v : ERASED
    if (typeof v === 'string' && re) return v.replace(re, ERASED)
    return v
  }
  return walk(value, false)
}

/** Every string cell of a rejected import row: the row was the person's. */
export const eraseCells = (cells: unknown) => (Array.isArray(cells) ? cells.map((c) => (c === null || c === '' ? c : ERASED)) : cells)
