import { api, type Page } from '../../lib/api'
import type { Contact, ContactInput, ContactListParams, ContactPatch } from './types'

const path = (id: string) => `/contacts/${encodeURIComponent(id)}`

export const contactsApi = {
  list: (params: ContactListParams, signal?: AbortSignal) => api.get<Page<Contact>>('/contacts', params, signal),
  get: (id: string) => api.get<Contact>(path(id)),
  create: (body: ContactInput) => api.post<Contact>('/contacts', body),
  update: (id: string, body: ContactPatch) => api.patch<Contact>(path(id), body),
  remove: (id: string) => api.delete(path(id)),
  restore: (id: string) => api.post<Contact>(`${path(id)}/restore`),
}
