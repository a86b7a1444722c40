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
  tickets: { area: 'service', roles: SERVICE, groupBys: ['type', 'channel', 'priority', 'month'] },
  sla: { area: 'service', roles: SERVICE, groupBys: [] },
  csat: { area: 'service', roles: SERVICE, groupBys: [] },
  campaigns: { area: 'marketing', roles: ['admin', 'manager', 'marketing'], groupBys: [] },
} as const satisfies Record<string, { area: 'sales' | 'customers' | 'service' | 'marketing'; roles: readonly string[]; groupBys: readonly string[]; ahead?: boolean }>

export type ReportCatalogName = keyof typeof REPORT_CATALOG
