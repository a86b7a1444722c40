import type { ReportName, ReportResult } from './types'

export interface SeriesSpec {
  key: string
  type: 'bar' | 'line'
  /** 1 = the right-hand axis (percentages, running totals). */
  axis?: 0 | 1
  stack?: string
}

export type ChartSpec =
  | { kind: 'cartesian'; category: string; series: SeriesSpec[]; horizontal?: boolean }
  | { kind: 'pie'; category: string; value: string }
  | { kind: 'funnel'; category: string; value: string }
  | null

/** How each report is drawn; reports that are lists (at-risk, RFM per customer) get no chart. */
export function chartSpec(name: ReportName, result: ReportResult): ChartSpec {
  const byMonth = result.columns[0]?.type === 'month'
  switch (name) {
    case 'sales-funnel':
      return { kind: 'funnel', category: 'stage', value: 'reached' }
    case 'pipeline':
      return { kind: 'cartesian', category: 'group', series: [{ key: 'amount', type: 'bar' }, { key: 'weighted', type: 'bar' }] }
    case 'forecast':
      return { kind: 'cartesian', category: 'month', series: [{ key: 'wonAmount', type: 'bar' }, { key: 'weighted', type: 'bar' }, { key: 'target', type: 'line' }] }
    case 'win-rate':
      return { kind: 'cartesian', category: 'group', series: [{ key: 'won', type: 'bar', stack: 'n' }, { key: 'lost', type: 'bar', stack: 'n' }, { key: 'winRate', type: 'line', axis: 1 }] }
    case 'revenue':
      return byMonth ? { kind: 'cartesian', category: 'group', series: [{ key: 'amount', type: 'bar' }] } : { kind: 'cartesian', category: 'group', series: [{ key: 'amount', type: 'bar' }], horizontal: true }
    case 'sales-cycle':
      return { kind: 'cartesian', category: 'group', series: [{ key: 'avgDays', type: 'bar' }, { key: 'medianDays', type: 'bar' }] }
    case 'lead-conversion':
      return { kind: 'cartesian', category: 'group', series: [{ key: 'leads', type: 'bar' }, { key: 'converted', type: 'bar' }, { key: 'conversionRate', type: 'line', axis: 1 }] }
    case 'lost-reasons':
      return { kind: 'pie', category: 'reason', value: 'count' }
    case 'customer-growth':
      return { kind: 'cartesian', category: 'month', series: [{ key: 'newCustomers', type: 'bar' }, { key: 'cumulative', type: 'line', axis: 1 }] }
    case 'rfm':
      return result.columns[0]?.key === 'segment' ? { kind: 'pie', category: 'segment', value: 'customers' } : null
    case 'tickets':
      return { kind: 'cartesian', category: 'group', series: [{ key: 'count', type: 'bar' }, { key: 'open', type: 'bar' }] }
    case 'sla':
      return { kind: 'cartesian', category: 'priority', series: [{ key: 'frCompliance', type: 'bar' }, { key: 'resCompliance', type: 'bar' }] }
    case 'csat':
      return { kind: 'cartesian', category: 'month', series: [{ key: 'rated', type: 'bar' }, { key: 'average', type: 'line', axis: 1 }] }
    case 'campaigns':
      return { kind: 'cartesian', category: 'campaign', series: [{ key: 'leads', type: 'bar' }, { key: 'opportunities', type: 'bar' }], horizontal: true }
    default:
      return null
  }
}
