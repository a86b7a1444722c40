/**
 * Who may run each report, how it may be grouped, and whether its default period looks ahead
 * (deals expected to close) rather than back: read by the service (the rule) and by the
 * web app (which reports and choices to offer). No imports, so the browser bundle can take it.
 */
const SALES = ['admin', 'manager', 'sales'] as const
const SERVICE = ['admin', 'manager', 'support'] as const

export const REPORT_CATALOG = {
  'sales-funnel': { area: 'sales', roles: SALES, groupBys: [] },
  pipeline: { area: 'sales', roles: SALES, groupBys: ['stage', 'owner', 'team', 'month'], ahead: true },
  forecast: { area: 'sales', roles: SALES, groupBys: [], ahead: true },
  'win-rate': { area: 'sales', roles: SALES, groupBys: ['owner', 'team', 'source', 'campaign', 'month'] },
  revenue: { area: 'sales', roles: SALES, groupBys: ['month', 'customer', 'product', 'owner', 'team'] },
  'sales-cycle': { area: 'sales', roles: SALES, groupBys: ['owner', 'team', 'source', 'month'] },
  'lead-conversion': { area: 'sales', roles: [...SALES, 'marketing'], groupBys: ['source', 'campaign', 'owner', 'month'] },
  'lost-reasons': { area: 'sales', roles: SALES, groupBys: [] },
  'customer-growth': { area: 'customers', roles: [...SALES, 'marketing'], groupBys: [] },
  rfm: { area: 'customers', roles: [...SALES, 'marketing'], groupBys: ['customer'] },
  'at-risk': { area: 'customers', roles: SALES, groupBys: [] },
  // By month, each month is its own set of aggregates over every ticket: cost grows with the months.
  tickets: { area: 'service', roles: SERVICE, groupBys: ['type', 'channel', 'priority', 'month'], noAllTime: ['month'] },
  sla: { area: 'service', roles: SERVICE, groupBys: [] },
  csat: { area: 'service', roles: SERVICE, groupBys: [] },
  campaigns: { area: 'marketing', roles: ['admin', 'manager', 'marketing'], groupBys: [] },
} as const satisfies Record<string, { area: 'sales' | 'customers' | 'service' | 'marketing'; roles: readonly string[]; groupBys: readonly string[]; ahead?: boolean; noAllTime?: readonly string[] }>

export type ReportCatalogName = keyof typeof REPORT_CATALOG

/**
 * The longest period that may be chosen by its dates: a report lists every month of its period, so
 * an unbounded one (from 1900) would be thousands of empty rows. "All time" is bounded by the data
 * instead (the first and last record's dates), and offered wherever its cost grows with the records,
 * not with the months.
 */
export const MAX_RANGE_DAYS = 5 * 366
export const MAX_RANGE_YEARS = 5

export const rangeTooLong = (from: string, to: string): boolean => Date.parse(to) - Date.parse(from) > MAX_RANGE_DAYS * 86400_000

/** Whether `range=all` is offered for a report grouped this way (the default grouping when none). */
export function allowsAllTime(name: ReportCatalogName, groupBy?: string): boolean {
  const entry = REPORT_CATALOG[name] as { groupBys: readonly string[]; noAllTime?: readonly string[] }
  return !entry.noAllTime?.includes(groupBy ?? entry.groupBys[0] ?? '')
}
