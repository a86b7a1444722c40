import type { SearchHit } from '@server/modules/search/search.schema'
import { api } from '../../lib/api'

export type { SearchHit }

export const searchApi = {
  search: (q: string, signal?: AbortSignal) => api.get<{ items: SearchHit[] }>('/search', { q, limit: 12 }, signal),
}
