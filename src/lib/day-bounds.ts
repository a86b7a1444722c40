import { fieldError } from '../server/errors'

/**
 * A `from`/`to` query value as the instant it bounds: a date `YYYY-MM-DD` is the start of that UTC
 * day (`to` the start of the next, so the whole day is in), a timestamp is itself. The day after
 * 9999-12-31 is a year neither the driver nor JSON writes: that `to` bounds nothing (undefined);
 * any other instant outside years 1–9999 is a 400 on the field.
 */
export function dayBound(s: string | undefined, path: string, end = false): Date | undefined {
  if (!s) return undefined
  const day = /^\d{4}-\d{2}-\d{2}$/.test(s)
  const d = new Date(day ? `${s}T00:00:00Z` : s)
  if (day && end) d.setUTCDate(d.getUTCDate() + 1)
  const year = d.getUTCFullYear()
  if (day && end && year === 10000 && s === '9999-12-31') return undefined
  if (Number.isNaN(d.getTime()) || year < 1 || year > 9999) throw fieldError(path, 'Out of range')
  return d
}
