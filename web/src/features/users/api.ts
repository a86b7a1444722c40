import { api, type Page } from '../../lib/api'
import type { User, UserInput, UserListParams, UserPatch } from './types'

const path = (id: string) => `/users/${encodeURIComponent(id)}`

export const usersApi = {
  list: (params: UserListParams, signal?: AbortSignal) => api.get<Page<User>>('/users', params, signal),
  create: (body: UserInput) => api.post<User>('/users', body),
  update: (id: string, body: UserPatch) => api.patch<User>(path(id), body),
  /** Deactivates: the user can no longer sign in; his records stay his. */
  deactivate: (id: string) => api.delete(path(id)),
}
