/**
 * SLA clock arithmetic over business hours in a time zone: pure functions, no I/O, so every due
 * time can be recomputed from stored timestamps and the settings alone.
 */
export interface BusinessInterval {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  day: number
  /** Local wall-clock `HH:MM`; `end` may be `24:00` (midnight at the end of the day). */
  start: string
  end: string
}

export interface BusinessHours {
  /** IANA zone, e.g. `Asia/Shanghai`, `America/New_York`. */
  timeZone: string
  schedule: BusinessInterval[]
  /** Local dates (`YYYY-MM-DD`) without business hours, e.g. 国庆节. */
  holidays?: string[]
}

const MINUTE = 60_000
// Far more than any target; a schedule that never opens ends the walk instead of looping.
const MAX_DAYS = 3 * 366

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(timeZone: string) {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz)
    return true
  } catch {
    return false
  }
}

interface Wall { y: number; m: number; d: number; h: number; mi: number; s: number }

function wallClock(instant: number, timeZone: string): Wall {
  const parts: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  }
  return { y: parts.year!, m: parts.month!, d: parts.day!, h: parts.hour!, mi: parts.minute!, s: parts.second! }
}

/** The zone's offset from UTC at this instant, in milliseconds (Shanghai: +8 h). */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone)
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s)
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000))
}

/**
 * The instant at which the zone's clocks show this local date and minute of the day. A time
 * skipped by a DST change (02:30 on a spring-forward night) maps to the moment after the gap; a
 * time shown twice (autumn) maps to the first.
 */
export function zonedInstant(y: number, m: number, d: number, minuteOfDay: number, timeZone: string): number {
  const wall = Date.UTC(y, m - 1, d) + minuteOfDay * MINUTE
  const o1 = offsetAt(wall, timeZone)
  const t1 = wall - o1
  const o2 = offsetAt(t1, timeZone)
  if (o2 === o1) return t1
  const t2 = wall - o2
  return offsetAt(t2, timeZone) === o2 ? t2 : t1
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number)
  return h! * 60 + m!
}

const isoWeekday = (y: number, m: number, d: number) => {
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  return wd === 0 ? 7 : wd
}

const dateKey = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`

/**
 * `start` plus `minutes` of business time: only minutes inside the schedule count. Without
 * business hours (null) every minute counts. A clock started outside business hours begins at
 * the next opening; 0 minutes out of hours is that opening.
 */
export function addBusinessMinutes(start: Date, minutes: number, hours: BusinessHours | null): Date {
  let remaining = minutes * MINUTE
  if (!hours) return new Date(start.getTime() + remaining)
  const tz = hours.timeZone
  const holidays = new Set(hours.holidays ?? [])
  const byDay = new Map<number, { start: number; end: number }[]>()
  for (const i of hours.schedule) {
    const list = byDay.get(i.day) ?? []
    list.push({ start: minutesOf(i.start), end: minutesOf(i.end) })
    byDay.set(i.day, list)
  }
  for (const list of byDay.values()) list.sort((a, b) => a.start - b.start)

  const from0 = start.getTime()
  const w = wallClock(from0, tz)
  let { y, m, d } = w
  for (let i = 0; i < MAX_DAYS; i++) {
    if (!holidays.has(dateKey(y, m, d))) {
      for (const interval of byDay.get(isoWeekday(y, m, d)) ?? []) {
        const open = zonedInstant(y, m, d, interval.start, tz)
        const close = zonedInstant(y, m, d, interval.end, tz)
        const from = Math.max(open, from0)
        if (close <= from) continue
        const available = close - from
        if (available >= remaining) return new Date(from + remaining)
        remaining -= available
      }
    }
    const next = new Date(Date.UTC(y, m - 1, d + 1))
    y = next.getUTCFullYear()
    m = next.getUTCMonth() + 1
    d = next.getUTCDate()
  }
  throw new Error('The business hours never open: no due time can be computed')
}
