import { AppError } from '../../server/errors'

/**
 * Timestamps are shown in the exporter's time zone (the browser sends its IANA zone), as the list
 * shows them. Asking Intl for the offset of every cell would cost more than the rest of the row,
 * so offsets are cached per quarter hour: every zone changes offset on a quarter-hour boundary.
 */
export function zoneClock(tz: string) {
  let parts: Intl.DateTimeFormat
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    })
  } catch {
    throw new AppError('VALIDATION_FAILED', 'tz: unknown time zone', { errors: [{ path: 'tz', message: 'Unknown time zone' }] })
  }
  const cache = new Map<number, number>()
  const QUARTER = 15 * 60_000
  // Rows of one page are mostly minutes apart: the last bucket answers most lookups.
  let lastBucket = NaN
  let lastOffset = 0

  /** Minutes east of UTC at this instant. */
  function offsetAt(ms: number): number {
    const bucket = Math.floor(ms / QUARTER)
    if (bucket === lastBucket) return lastOffset
    let offset = cache.get(bucket)
    if (offset === undefined) {
      const at = bucket * QUARTER
      const p = Object.fromEntries(parts.formatToParts(new Date(at)).map((x) => [x.type, x.value]))
      const wall = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!)
      offset = Math.round((wall - at) / 60_000)
      if (cache.size > 100_000) cache.clear()
      cache.set(bucket, offset)
    }
    lastBucket = bucket
    lastOffset = offset
    return offset
  }

  const pad = (n: number) => String(n).padStart(2, '0')
  const suffixes = new Map<number, string>()
  const suffix = (off: number) => {
    let s = suffixes.get(off)
    if (s === undefined) {
      const abs = Math.abs(off)
      s = `${off < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
      suffixes.set(off, s)
    }
    return s
  }
  return {
    /** `2026-01-05T18:30:00+08:00`: plain, exact, and read back by any importer. */
    iso(value: string): string {
      const ms = Date.parse(value)
      const off = offsetAt(ms)
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
