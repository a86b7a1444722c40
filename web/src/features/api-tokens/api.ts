import { api } from '../../lib/api'
import type { ApiToken, ApiTokenCreate, ApiTokenCreated } from './types'

export const apiTokensApi = {
  list: (signal?: AbortSignal) => api.get<{ items: ApiToken[] }>('/api-tokens', undefined, signal),
  create: (body: ApiTokenCreate) => api.post<ApiTokenCreated>('/api-tokens', body),
  revoke: (id: string) => api.delete(`/api-tokens/${encodeURIComponent(id)}`),
}
