import { fieldError } from '../../server/errors'

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

/** An IANA time zone the runtime knows, or a 400 on `tz`. */
export function assertTimeZone(tz: string | undefined): string {
  const zone = tz ?? DEFAULT_TIME_ZONE
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone
  } catch {
    throw fieldError('tz', 'Not an IANA time zone (e.g. Asia/Shanghai)')
  }
}

/** Minutes east of UTC of `tz` at instant `ms` (Asia/Shanghai: 480). */
function offsetMinutes(tz: string, ms: number): number {
  const name = new Intl.DateTimeFormat('en', { timeZone: tz, timeZoneName: 'longOffset' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name)
  if (!m) return 0
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0))
}

/** The instant a calendar day starts in `tz`: today (+ `days`) as seen there at `now`. */
export function startOfDay(tz: string, now: Date, days = 0): Date {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(now)
    .split('-')
    .map(Number)
  const midnightUtc = Date.UTC(y!, m! - 1, d! + days)
  let t = midnightUtc - offsetMinutes(tz, midnightUtc) * 60_000
  const corrected = midnightUtc - offsetMinutes(tz, t) * 60_000 // across a DST change the offset at t decides
  if (corrected !== t) t = corrected
  return new Date(t)
}

/** Open tasks due in [from, to), or 'none': open tasks without a due date. */
export type DueWindow = { from?: Date; to?: Date } | 'none'

/**
 * Open tasks by due date, as the caller's calendar (tz) sees it:
 * today = due during today, overdue = due before now, upcoming = due from tomorrow on, none = no due date.
 */
export function dueWindow(due: 'today' | 'overdue' | 'upcoming' | 'none', tz: string, now: Date): DueWindow {
  if (due === 'none') return 'none'
  if (due === 'overdue') return { to: now }
  if (due === 'today') return { from: startOfDay(tz, now), to: startOfDay(tz, now, 1) }
  return { from: startOfDay(tz, now, 1) }
}
