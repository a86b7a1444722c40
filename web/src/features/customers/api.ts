import { api, type Page } from '../../lib/api'
import type { AuditEntry, Customer, CustomerInput, CustomerListParams, CustomerPatch } from './types'

const path = (id: string) => `/customers/${encodeURIComponent(id)}`

export const customersApi = {
  list: (params: CustomerListParams, signal?: AbortSignal) => api.get<Page<Customer>>('/customers', params, signal),
  get: (id: string) => api.get<Customer>(path(id)),
  create: (body: CustomerInput) => api.post<Customer>('/customers', body),
  update: (id: string, body: CustomerPatch) => api.patch<Customer>(path(id), body),
  remove: (id: string) => api.delete(path(id)),
  purge: (id: string) => api.delete(path(id), { purge: true }),
  restore: (id: string) => api.post<Customer>(`${path(id)}/restore`),
  /** Merges `sourceId` into `targetId`: the source is deleted, its contacts move to the target. */
  merge: (targetId: string, sourceId: string) => api.post<Customer>(`${path(targetId)}/merge`, { sourceId }),
  history: (id: string, cursor?: string) => api.get<Page<AuditEntry>>(`${path(id)}/history`, { limit: 20, cursor }),
}
