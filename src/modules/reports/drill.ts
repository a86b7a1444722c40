import type { ReportInput } from './report'

/** The date of a deal a report counts by, named as the opportunities list's day-range filters. */
export type DealDate = 'created' | 'closed' | 'close'

export interface Drill<R extends string = 'opportunities'> {
  resource: R
  filters: Record<string, string>
}
export type DealDrill = Drill

/** The report's owner and team filters (a rep's and a manager's are set by the service), as list filters. */
export function whose(input: ReportInput): Record<string, string> {
  const { ownerId, teamId } = input.params
  return { ...(ownerId ? { ownerId } : {}), ...(teamId ? { teamId } : {}) }
}

/**
 * The deals behind a report row: the report's period on the date it counts by (created, closed, or
 * expected to close), in its time zone, its owner/team filters and the row's own, so the list
 * shows exactly the rows the report counted.
 */
export function dealDrill(input: ReportInput, on: DealDate, filters: Record<string, string>, period: { from: string; to: string } = input.params): DealDrill {
  return {
    resource: 'opportunities',
    filters: { ...filters, [`${on}From`]: period.from, [`${on}To`]: period.to, ...(on === 'close' ? {} : { tz: input.params.tz }), ...whose(input) },
  }
}

/**
 * The leads or tickets created in the report's period (or the part of it in month `month`), with
 * the row's own filters: the owner/team filters differ per list, so the caller gives them.
 */
export function createdDrill<R extends 'leads' | 'tickets'>(input: ReportInput, resource: R, filters: Record<string, string>, month?: string): Drill<R> {
  const period = month ? monthPeriod(input, month) : input.params
  return { resource, filters: { ...filters, createdFrom: period.from, createdTo: period.to, tz: input.params.tz } }
}

/** The part of the report's period within month `m` (YYYY-MM): a month row covers no more. */
export function monthPeriod(input: ReportInput, m: string): { from: string; to: string } {
  const [y, mo] = m.split('-').map(Number) as [number, number]
  const last = new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10)
  const first = `${m}-01`
  return { from: first > input.params.from ? first : input.params.from, to: last < input.params.to ? last : input.params.to }
}

/**
 * The drill of a row grouped by `filter` (a list filter, or 'month' for the period's part in it)
 * with group key `key`; none when the key is empty (the "(none)" row: no list filter selects it).
 */
export function groupDrill(input: ReportInput, on: DealDate, filter: string, key: string | null, filters: Record<string, string>): DealDrill | null {
  if (key === null) return null
  if (filter === 'month') return dealDrill(input, on, filters, monthPeriod(input, key))
  return dealDrill(input, on, { ...filters, [filter]: key })
}
