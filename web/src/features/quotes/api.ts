import { api, type Page } from '../../lib/api'
import type { Order } from '../orders/types'
import type { Quote, QuoteListParams, QuotePatch, QuoteSend } from './types'

const path = (id: string) => `/quotes/${encodeURIComponent(id)}`

export const quotesApi = {
  list: (params: QuoteListParams, signal?: AbortSignal) => api.get<Page<Quote>>('/quotes', params, signal),
  get: (id: string) => api.get<Quote>(path(id)),
  /** Copies the deal's lines, customer, contact and currency into a new draft. */
  generate: (opportunityId: string) => api.post<Quote>(`/opportunities/${encodeURIComponent(opportunityId)}/quotes`),
  /** A sent quote answers with its next revision (a new record); a draft changes in place. */
  update: (id: string, body: QuotePatch) => api.patch<Quote>(path(id), body),
  send: (id: string, body: QuoteSend) => api.post<Quote>(`${path(id)}/send`, body),
  accept: (id: string) => api.post<Order>(`${path(id)}/accept`),
  reject: (id: string) => api.post<Quote>(`${path(id)}/reject`),
  pdfUrl: (id: string) => `/api/v1${path(id)}/pdf`,
}
