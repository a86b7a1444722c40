import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { companyToday } from '../../../lib/format'
import type { ReportQuery } from '../types'

const KEYS = ['from', 'to', 'range', 'groupBy', 'ownerId', 'teamId', 'currency', 'days'] as const

/** The first day of the month `monthsBack` months before today's, as YYYY-MM-DD. */
export function monthStart(monthsBack: number, today = companyToday()): string {
  const [y, m] = today.split('-').map(Number)
  const d = new Date(Date.UTC(y, m - 1 - monthsBack, 1))
  return d.toISOString().slice(0, 10)
}

/** The last day of the month `monthsAhead` months after today's, as YYYY-MM-DD. */
export function monthEnd(monthsAhead: number, today = companyToday()): string {
  const [y, m] = today.split('-').map(Number)
  return new Date(Date.UTC(y, m + monthsAhead, 0)).toISOString().slice(0, 10)
}

/**
 * A report's filters in the URL (so a report view can be shared and Back works). Default: the last
 * 12 months, or this month and the next 11 for reports that look ahead (pipeline, forecast).
 */
export function useReportParams(ahead = false) {
  const [search, setSearch] = useSearchParams()
  const query = useMemo<ReportQuery>(() => {
    // All time is a period of its own: the server refuses it together with dates.
    const q: Record<string, string | number> =
      search.get('range') === 'all'
        ? {}
        : { from: search.get('from') ?? (ahead ? monthStart(0) : monthStart(11)), to: search.get('to') ?? (ahead ? monthEnd(11) : companyToday()) }
    for (const k of KEYS.slice(2)) {
      const v = search.get(k)
      if (v) q[k] = k === 'days' ? Number(v) : v
    }
    return q as ReportQuery
  }, [search, ahead])
  const update = useCallback(
    (patch: Partial<Record<(typeof KEYS)[number], string | number | undefined>>) =>
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev)
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === '') next.delete(k)
            else next.set(k, String(v))
          }
          return next
        },
        { replace: true },
      ),
    [setSearch],
  )
  return { query, update }
}
