/**
 * Time zones: which names are accepted, and dates and times as a zone's calendar and clock show
 * them. Pure helpers over Intl; the company's and a user's zone are looked up by
 * company.service (companyZone, zoneOf) and handed in here.
 */

/**
 * The zone names the database accepts (pg_timezone_names), lower-cased, once src/db/time-zones.ts
 * has read them. Intl alone is not enough: it still knows names the tz database dropped
 * (US/Pacific-New, Canada/East-Saskatchewan) which PostgreSQL refuses, so a setting or a `tz`
 * parameter in such a zone was accepted and then failed every query that counted days (a 500).
 */
let databaseZones: Set<string> | null = null

/** Adds names the database knows (several databases in one process, e.g. tests: any of them). */
export function acceptDatabaseZones(names: Iterable<string>): void {
  databaseZones ??= new Set()
  for (const n of names) databaseZones.add(n.toLowerCase())
}

const formatters = new Map<string, Intl.DateTimeFormat>()
function cachedFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key)
  if (!f) {
    f = make()
    formatters.set(key, f)
  }
  return f
}

function intlKnows(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

/** An IANA zone both the runtime (formatting) and the database (counting days) understand. */
export function isTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64 || !intlKnows(tz)) return false
  return databaseZones === null || databaseZones.has(tz.toLowerCase())
}

/** The zone this server runs in (TZ, else the system's), when both Intl and the database know it; else UTC. */
export function serverTimeZone(): string {
  const candidates = [process.env.TZ?.replace(/^:/, ''), Intl.DateTimeFormat().resolvedOptions().timeZone]
  return candidates.find((z): z is string => !!z && isTimeZone(z)) ?? 'UTC'
}

const ymd = (tz: string) =>
  cachedFormat(`ymd|${tz}`, () => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }))

/** The calendar day (YYYY-MM-DD) an instant falls on in `tz`. */
export function dayIn(tz: string, at: Date | string | number = new Date()): string {
  return ymd(tz).format(new Date(at))
}

/** Minutes east of UTC of `tz` at instant `ms` (Asia/Shanghai: 480). */
export function offsetMinutes(tz: string, ms: number): number {
  const name = cachedFormat(`off|${tz}`, () => new Intl.DateTimeFormat('en', { timeZone: tz, timeZoneName: 'longOffset' }))
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name)
  if (!m) return 0
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0))
}

/** The instant calendar day `day` (YYYY-MM-DD) starts in `tz`. */
export function startOfDayIn(tz: string, day: string): Date {
  const [y, m, d] = day.split('-').map(Number)
  const midnightUtc = Date.UTC(y!, m! - 1, d!)
  let t = midnightUtc - offsetMinutes(tz, midnightUtc) * 60_000
  const corrected = midnightUtc - offsetMinutes(tz, t) * 60_000 // across a DST change the offset at t decides
  if (corrected !== t) t = corrected
  return new Date(t)
}

/** The instant a calendar day starts in `tz`: today (+ `days`) as seen there at `now`. */
export function startOfDay(tz: string, now: Date, days = 0): Date {
  const [y, m, d] = dayIn(tz, now).split('-').map(Number)
  return startOfDayIn(tz, new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10))
}

export type DateStyle = 'long' | 'medium' | 'short'

/** A date as a reader in `lang` expects it, on the calendar of `tz` ("2026年3月2日", "March 2, 2026"). */
export function formatDate(at: Date | string, tz: string, lang: string, style: DateStyle = 'long'): string {
  const s = typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T12:00:00Z` : at
  // A bare calendar date is the same day everywhere: read at noon UTC and shown without a shift.
  const zone = s !== at ? 'UTC' : tz
  return cachedFormat(`d|${lang}|${zone}|${style}`, () => new Intl.DateTimeFormat(lang, { dateStyle: style, timeZone: zone })).format(new Date(s))
}

/** A date and time with the zone's short name, for mail and documents read far from the office ("2026年3月2日 03:54 [GMT+8]"). */
export function formatDateTime(at: Date | string, tz: string, lang: string, style: DateStyle = 'medium'): string {
  return cachedFormat(`dt|${lang}|${tz}|${style}`, () => new Intl.DateTimeFormat(lang, { dateStyle: style, timeStyle: 'short', timeZone: tz }))
    .format(new Date(at)) + ` (${zoneLabel(tz, at)})`
}

/** The zone's short offset name at an instant ("GMT+8", "UTC"). */
export function zoneLabel(tz: string, at: Date | string = new Date()): string {
  const f = cachedFormat(`z|${tz}`, () => new Intl.DateTimeFormat('en', { timeZone: tz, timeZoneName: 'shortOffset' }))
  const name = f.formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value ?? tz
  return name === 'GMT' || name === 'GMT+0' ? 'UTC' : name
}
