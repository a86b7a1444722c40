/**
 * SLA clock arithmetic over business hours in a time zone: pure functions, no I/O, so every due
 * time can be recomputed from stored timestamps and the settings alone.
 */
import { isTimeZone } from '../../lib/time-zone'

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

/** A zone both Intl and the database know (see lib/time-zone). */
export { isTimeZone }

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
 * The business hours from `start` on, as [from, to) instants, earliest first: the interval
 * `start` falls in is cut at `start`. Without business hours (null) all time is one interval.
 */
function* businessIntervals(start: number, hours: BusinessHours | null): Generator<[number, number]> {
  if (!hours) {
    yield [start, Infinity]
    return
  }
  const tz = hours.timeZone
  const holidays = new Set(hours.holidays ?? [])
  const byDay = new Map<number, { start: number; end: number }[]>()
  for (const i of hours.schedule) {
    const list = byDay.get(i.day) ?? []
    list.push({ start: minutesOf(i.start), end: minutesOf(i.end) })
    byDay.set(i.day, list)
  }
  for (const list of byDay.values()) list.sort((a, b) => a.start - b.start)

  let { y, m, d } = wallClock(start, tz)
  for (let i = 0; i < MAX_DAYS; i++) {
    if (!holidays.has(dateKey(y, m, d))) {
      for (const interval of byDay.get(isoWeekday(y, m, d)) ?? []) {
        const from = Math.max(zonedInstant(y, m, d, interval.start, tz), start)
        const close = zonedInstant(y, m, d, interval.end, tz)
        if (close > from) yield [from, close]
      }
    }
    const next = new Date(Date.UTC(y, m - 1, d + 1))
    y = next.getUTCFullYear()
    m = next.getUTCMonth() + 1
    d = next.getUTCDate()
  }
  throw new Error('The business hours never open: no due time can be computed')
}

/**
 * `start` plus `ms` of business time: only time inside the schedule counts. Without business
 * hours (null) all time counts. A clock started outside business hours begins at the next
 * opening; 0 out of hours is that opening.
 */
export function addBusinessTime(start: Date, ms: number, hours: BusinessHours | null): Date {
  let remaining = ms
  for (const [from, close] of businessIntervals(start.getTime(), hours)) {
    if (close - from >= remaining) return new Date(from + remaining)
    remaining -= close - from
  }
  throw new Error('unreachable: businessIntervals ends by throwing')
}

export const addBusinessMinutes = (start: Date, minutes: number, hours: BusinessHours | null): Date =>
  addBusinessTime(start, minutes * MINUTE, hours)

/** The business time, in ms, between two instants (0 when `to` is not after `from`). */
export function businessTimeBetween(from: Date, to: Date, hours: BusinessHours | null): number {
  const end = to.getTime()
  let total = 0
  for (const [open, close] of businessIntervals(from.getTime(), hours)) {
    if (open >= end) break
    total += Math.min(close, end) - open
  }
  return total
}
