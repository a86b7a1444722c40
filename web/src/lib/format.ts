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

/**
 * The zone times are shown in: the user's own (profile), else the company's; set by AppLayout
 * once the session and the company profile are known, the browser's until then.
 */
let displayZone: string | undefined
let companyZone: string | undefined
export function setTimeZones(zones: { user: string | null | undefined; company: string | undefined }): void {
  companyZone = zones.company
  displayZone = zones.user ?? zones.company
}
export const displayTimeZone = (): string => displayZone ?? browserTimeZone()

/**
 * Today on the company's calendar: reports (a rep's own included) count days and months in the
 * company's zone, so his figures add up to his team's and the company's.
 */
export const companyToday = (now: Date = new Date()): string => todayIn(companyZone ?? displayTimeZone(), now)

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return ''
  const d = toDate(value)
  if (Number.isNaN(d.getTime())) return String(value)
  const timeZone = displayTimeZone()
  return cached(`dt|${timeZone}`, () => new Intl.DateTimeFormat(lang(), { dateStyle: 'medium', timeStyle: 'short', timeZone })).format(d)
}

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return ''
  const d = toDate(value)
  if (Number.isNaN(d.getTime())) return String(value)
  const timeZone = displayTimeZone()
  return cached(`d|${timeZone}`, () => new Intl.DateTimeFormat(lang(), { dateStyle: 'medium', timeZone })).format(d)
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

/** Today as YYYY-MM-DD in the zone times are shown in (the user's, else the company's). */
export function todayIso(now: Date = new Date()): string {
  return todayIn(displayTimeZone(), now)
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
