import type { ReportColumn, ReportName, ReportParams, ReportResult, SalesTarget, SalesTargetPut } from '@server/modules/reports/reports.schema'
import { allowsAllTime, MAX_RANGE_DAYS, MAX_RANGE_YEARS, REPORT_CATALOG } from '@server/modules/reports/reports.catalog'

export type { ReportColumn, ReportName, ReportResult, SalesTarget, SalesTargetPut }
export { allowsAllTime, MAX_RANGE_DAYS, MAX_RANGE_YEARS, REPORT_CATALOG }
export type ReportQuery = Partial<Omit<ReportParams, 'format'>>
export type ReportRow = ReportResult['rows'][number]
export type Drill = { resource: string; filters: Record<string, string> }
export type ReportArea = (typeof REPORT_CATALOG)[ReportName]['area']

export const REPORT_AREAS: ReportArea[] = ['sales', 'customers', 'service', 'marketing']
export const reportKeys = {
  all: ['reports'] as const,
  one: (name: ReportName, q: ReportQuery) => ['reports', name, q] as const,
}

/** The list filters each list page reads from its URL: a drill-down may only use these. */
export const DRILL_FILTERS: Record<string, readonly string[]> = {
  opportunities: [
    'stage', 'status', 'ownerId', 'teamId', 'closeMonth', 'closeFrom', 'closeTo', 'noCloseDate', 'createdFrom', 'createdTo',
    'closedFrom', 'closedTo', 'tz', 'currency', 'lostReason', 'campaignId', 'source',
  ],
  leads: ['status', 'ownerId', 'teamId', 'source', 'campaignId', 'createdFrom', 'createdTo', 'tz'],
  tickets: ['status', 'priority', 'type', 'channel', 'customerId', 'assigneeId', 'assigneeTeamId', 'createdFrom', 'createdTo', 'tz'],
}

/** Where a row or chart element leads, or null when the list cannot show exactly that. */
export function drillHref(drill: unknown): string | null {
  if (!drill || typeof drill !== 'object' || !('resource' in drill)) return null
  const d = drill as Drill
  const allowed = DRILL_FILTERS[d.resource]
  if (!allowed || Object.keys(d.filters).some((k) => !allowed.includes(k))) return null
  // The ticket inbox opens on "my open tickets": a report counts them all.
  const qs = new URLSearchParams({ ...(d.resource === 'tickets' ? { view: 'all' } : {}), ...d.filters }).toString()
  return `/${d.resource}${qs ? `?${qs}` : ''}`
}
