import { api, toQueryString } from '../../lib/api'
import type { ReportName, ReportQuery, ReportResult, SalesTarget, SalesTargetPut } from './types'

export const reportsApi = {
  run: (name: ReportName, query: ReportQuery, signal?: AbortSignal) => api.get<ReportResult>(`/reports/${name}`, query, signal),
  /** A plain link: the browser downloads the file with the session cookie. */
  downloadHref: (name: ReportName, query: ReportQuery, format: 'csv' | 'xlsx') => `/api/v1/reports/${name}${toQueryString({ ...query, format })}`,
  targets: (query: { from?: string; to?: string }, signal?: AbortSignal) => api.get<{ items: SalesTarget[] }>('/sales-targets', query, signal),
  putTarget: (body: SalesTargetPut) => api.put<SalesTarget>('/sales-targets', body),
}
