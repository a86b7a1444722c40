import i18n from 'i18next'

/** Formatting through Intl in the UI's current language. */
const lang = () => i18n.language || 'en'

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>()
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  const k = `${lang()}|${key}`
  let f = cache.get(k)
  if (!f) {
    f = make()
    cache.set(k, f)
  }
  return f as T
}

const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value))

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return ''
  const d = toDate(value)
  if (Number.isNaN(d.getTime())) return String(value)
  return cached('dt', () => new Intl.DateTimeFormat(lang(), { dateStyle: 'medium', timeStyle: 'short' })).format(d)
}

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return ''
  const d = toDate(value)
  if (Number.isNaN(d.getTime())) return String(value)
  return cached('d', () => new Intl.DateTimeFormat(lang(), { dateStyle: 'medium' })).format(d)
}

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A calendar date from the API ("2026-12-31") in the UI's language, without any time-zone shift. */
export function formatDay(value: string | null | undefined): string {
  if (!value) return ''
  const m = PLAIN_DATE.exec(value)
  if (!m) return formatDate(value)
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return cached('d', () => new Intl.DateTimeFormat(lang(), { dateStyle: 'medium' })).format(d)
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** Today's date (YYYY-MM-DD) in an IANA time zone, e.g. the company's, where reports count days. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** The browser's IANA time zone ("Asia/Shanghai"), sent where the server counts days. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return ''
  return cached('n', () => new Intl.NumberFormat(lang())).format(value)
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
]

/** "3 minutes ago" / "3分钟前". */
export function formatRelative(value: string | Date, now: Date = new Date()): string {
  const seconds = Math.round((toDate(value).getTime() - now.getTime()) / 1000)
  const rtf = cached('rel', () => new Intl.RelativeTimeFormat(lang(), { numeric: 'auto' }))
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return rtf.format(Math.round(seconds / size), unit)
  }
  return ''
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/
export const looksLikeTimestamp = (v: unknown): v is string => typeof v === 'string' && ISO_TIMESTAMP.test(v)
