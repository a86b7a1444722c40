import { AppError } from '../../server/errors'
import { isTimeZone } from '../../lib/time-zone'

/**
 * Timestamps are shown in the exporter's time zone (the browser sends its IANA zone), as the list
 * shows them. Asking Intl for the offset of every cell would cost more than the rest of the row,
 * so offsets are cached per UTC day, and per quarter hour on a day the offset changes (every zone
 * changes offset on a quarter-hour boundary, at most once a day).
 */
export function zoneClock(tz: string) {
  let parts: Intl.DateTimeFormat
  try {
    if (!isTimeZone(tz)) throw new RangeError(tz)
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    })
  } catch {
    throw new AppError('VALIDATION_FAILED', 'tz: unknown time zone', { errors: [{ path: 'tz', message: 'Unknown time zone' }] })
  }
  const QUARTER = 15 * 60_000
  const DAY = 86_400_000
  /** Minutes east of UTC at an instant, asked of Intl. */
  function askIntl(at: number): number {
    const p = Object.fromEntries(parts.formatToParts(new Date(at)).map((x) => [x.type, x.value]))
    const wall = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!)
    return Math.round((wall - at) / 60_000)
  }
  // A UTC day's offset, or null on the few days the offset changes (then asked per quarter hour).
  const days = new Map<number, number | null>()
  const quarters = new Map<number, number>()
  // A row's timestamps (created, updated, …) fall on a few days that recur row after row.
  const RECENT = 4
  const recentDay = new Float64Array(RECENT).fill(NaN)
  const recentOffset = new Int32Array(RECENT)
  let slot = 0

  /** Minutes east of UTC at this instant. */
  function offsetAt(ms: number): number {
    const day = Math.floor(ms / DAY)
    for (let i = 0; i < RECENT; i++) if (recentDay[i] === day) return recentOffset[i]!
    let offset = days.get(day)
    if (offset === undefined) {
      const first = askIntl(day * DAY)
      offset = first === askIntl(day * DAY + DAY - QUARTER) ? first : null
      days.set(day, offset)
    }
    if (offset === null) {
      const quarter = Math.floor(ms / QUARTER)
      let q = quarters.get(quarter)
      if (q === undefined) quarters.set(quarter, (q = askIntl(quarter * QUARTER)))
      return q
    }
    recentDay[slot] = day
    recentOffset[slot] = offset
    slot = (slot + 1) % RECENT
    return offset
  }

  /** 00–59: hours and minutes of a wall time or an offset. */
  const two = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'))
  const suffixes = new Map<number, string>()
  const suffix = (off: number) => {
    let s = suffixes.get(off)
    if (s === undefined) {
      const abs = Math.abs(off)
      s = `${off < 0 ? '-' : '+'}${two[Math.floor(abs / 60)]}:${two[abs % 60]}`
      suffixes.set(off, s)
    }
    return s
  }
  return {
    /** `2026-01-05T18:30:00+08:00`: plain, exact, and read back by any importer. */
    iso(value: string): string {
      const ms = Date.parse(value)
      const off = offsetAt(ms)
      // The value is an ISO instant in UTC as toISOString writes it: when the local time falls
      // on the same date, only the hours and minutes change, without building another Date.
      if (value.length === 24 && value[23] === 'Z') {
        const local = (value.charCodeAt(11) - 48) * 600 + (value.charCodeAt(12) - 48) * 60 + (value.charCodeAt(14) - 48) * 10 + (value.charCodeAt(15) - 48) + off
        if (local >= 0 && local < 1440) return `${value.slice(0, 11)}${two[Math.floor(local / 60)]}:${two[local % 60]}${value.slice(16, 19)}${suffix(off)}`
      }
      return new Date(ms + off * 60_000).toISOString().slice(0, 19) + suffix(off)
    },
    /** A Date whose UTC fields are the local wall time: a spreadsheet date has no zone. */
    wall(value: string): Date {
      const ms = Date.parse(value)
      return new Date(ms + offsetAt(ms) * 60_000)
    },
  }
}
export type ZoneClock = ReturnType<typeof zoneClock>

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987) for 客户-2026-01-05.csv. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
