import { api, type Page } from '../../lib/api'
import type { Lead, LeadConversion, LeadConvert, LeadInput, LeadListParams, LeadPatch, LeadRouting } from './types'

const path = (id: string) => `/leads/${encodeURIComponent(id)}`

export const leadsApi = {
  list: (params: LeadListParams, signal?: AbortSignal) => api.get<Page<Lead>>('/leads', params, signal),
  get: (id: string) => api.get<Lead>(path(id)),
  create: (body: LeadInput) => api.post<Lead>('/leads', body),
  update: (id: string, body: LeadPatch) => api.patch<Lead>(path(id), body),
  remove: (id: string) => api.delete(path(id)),
  restore: (id: string) => api.post<Lead>(`${path(id)}/restore`),
  /** Leads, customers and contacts sharing an e-mail, phone or company with what is typed. */
  /** In one transaction: customer + contact (+ deal); 409 when already converted. */
  convert: (id: string, body: LeadConvert) => api.post<LeadConversion>(`${path(id)}/convert`, body),
  assign: (ids: string[], ownerId: string) => api.post<unknown>('/leads/assign', { ids, ownerId }),
  routing: () => api.get<LeadRouting>('/lead-routing'),
  saveRouting: (body: LeadRouting) => api.put<LeadRouting>('/lead-routing', body),
}
