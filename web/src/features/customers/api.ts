import { api, type Page } from '../../lib/api'
import type { AuditEntry, Customer, CustomerCandidate, CustomerInput, CustomerListParams, CustomerPatch, MergeField } from './types'

const path = (id: string) => `/customers/${encodeURIComponent(id)}`

export const customersApi = {
  list: (params: CustomerListParams, signal?: AbortSignal) => api.get<Page<Customer>>('/customers', params, signal),
  get: (id: string) => api.get<Customer>(path(id)),
  create: (body: CustomerInput) => api.post<Customer>('/customers', body),
  update: (id: string, body: CustomerPatch) => api.patch<Customer>(path(id), body),
  remove: (id: string) => api.delete(path(id)),
  purge: (id: string) => api.delete(path(id), { purge: true }),
  restore: (id: string) => api.post<Customer>(`${path(id)}/restore`),
  /**
   * Merges `sourceId` into `targetId` with the side chosen per field: the source is deleted, its
   * contacts and deals move to the target; a side changed since `version`/`sourceVersion` is a 409.
   */
  merge: (targetId: string, body: { sourceId: string; fields?: Partial<Record<MergeField, 'target' | 'source'>>; version?: number; sourceVersion?: number }) =>
    api.post<Customer>(`${path(targetId)}/merge`, body),
  /** The customer summarised beside those that look like it: the merge dialog's candidates. */
  mergeCandidates: (id: string) => api.get<{ record: CustomerCandidate; items: CustomerCandidate[] }>(`${path(id)}/duplicates`),
  history: (id: string, cursor?: string) => api.get<Page<AuditEntry>>(`${path(id)}/history`, { limit: 20, cursor }),
}
