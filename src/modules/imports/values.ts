/**
 * Cell text → typed value. Each parser returns the value or throws a RowIssue with a message a
 * user can act on; blank cells are null everywhere.
 */
export class RowIssue extends Error {}

const pad = (n: number) => String(n).padStart(2, '0')

function ymd(y: number, m: number, d: number): string {
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1 || y > 9999 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) throw new RowIssue(`Not a calendar date: ${y}-${m}-${d}`)
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`
}

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug included). */
export function excelSerialToDate(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400000)
  return new Date(ms).toISOString().slice(0, 10)
}

/**
 * YYYY-MM-DD, 2026/1/5, 2026.1.5, 2026年1月5日, an ISO timestamp, an Excel serial number, and
 * 05/01/2026 read day-first (or month-first when `dayFirst` is false) — never guessed per row.
 */
export function parseDate(raw: string, dayFirst: boolean): string {
  const s = raw.trim()
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(s)
  if (m) return ymd(+m[1]!, +m[2]!, +m[3]!)
  m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/.exec(s)
  if (m) return ymd(+m[1]!, +m[2]!, +m[3]!)
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s)
  if (m) return dayFirst ? ymd(+m[3]!, +m[2]!, +m[1]!) : ymd(+m[3]!, +m[1]!, +m[2]!)
  if (/^\d{1,7}(\.\d+)?$/.test(s)) {
    const serial = Number(s)
    if (serial >= 1 && serial < 2958466) return excelSerialToDate(serial)
  }
  throw new RowIssue(`"${raw}" is not a date (use 2026-01-05, 2026/1/5 or 2026年1月5日)`)
}

const TRUE = new Set(['true', 'yes', 'y', '1', '是', '对', 'x', '✓', '√', 'on'])
const FALSE = new Set(['false', 'no', 'n', '0', '否', '不是', 'off', '×'])

export function parseBoolean(raw: string): boolean {
  const s = raw.trim().toLowerCase()
  if (TRUE.has(s)) return true
  if (FALSE.has(s)) return false
  throw new RowIssue(`"${raw}" is not yes/no`)
}

/** "¥1,234.50", "1 234.50 CNY", "RMB 12000" → "1234.50"; the decimal stays text (big.js downstream). */
export function parseMoney(raw: string): string {
  let s = raw.trim().replace(/^(¥|￥|\$|€|£|RMB|CNY|USD|EUR)\s*/i, '').replace(/\s*(元|CNY|RMB|USD|EUR)$/i, '')
  s = s.replace(/[,\s，]/g, '').replace(/%$/, '')
  if (!/^-?\d+(\.\d+)?$/.test(s)) throw new RowIssue(`"${raw}" is not an amount`)
  return s
}

export function parseInteger(raw: string): number {
  const s = raw.trim().replace(/%$/, '')
  if (!/^-?\d+(\.0+)?$/.test(s)) throw new RowIssue(`"${raw}" is not a whole number`)
  return Number.parseInt(s, 10)
}

export const parseTags = (raw: string) => raw.split(/[,;，；、|]/).map((t) => t.trim()).filter(Boolean)

/** Lower-case, no spaces, punctuation or width differences: how headers and enum values are compared. */
export const normalizeLabel = (s: string) =>
  s.normalize('NFKC').toLowerCase().replace(/[\s_\-./()（）:：*#]+/g, '')

/** Similarity of two labels in [0, 1]: Dice coefficient over character bigrams. */
export function similarity(a: string, b: string): number {
  const x = normalizeLabel(a)
  const y = normalizeLabel(b)
  if (x === y) return 1
  if (x.length < 2 || y.length < 2) return x && y && (x.includes(y) || y.includes(x)) ? 0.5 : 0
  const grams = (s: string) => {
    const m = new Map<string, number>()
    for (let i = 0; i < s.length - 1; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1)
    return m
  }
  const gx = grams(x)
  const gy = grams(y)
  let both = 0
  for (const [g, n] of gx) both += Math.min(n, gy.get(g) ?? 0)
  return (2 * both) / (x.length - 1 + y.length - 1)
}
