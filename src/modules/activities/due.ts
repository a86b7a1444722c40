import { fieldError } from '../../server/errors'
import { isTimeZone, startOfDay } from '../../lib/time-zone'

/** `tz`, or a 400 unless Intl and the database both know it. */
export function assertTimeZone(tz: string): string {
  if (!isTimeZone(tz)) throw fieldError('tz', 'Not an IANA time zone (e.g. Asia/Shanghai)')
  return tz
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
