import { api, type Page } from '../../lib/api'
import type { Board, BoardParams, HistoryEntry, Opportunity, OpportunityInput, OpportunityListParams, OpportunityPatch } from './types'

const path = (id: string) => `/opportunities/${encodeURIComponent(id)}`

export const opportunitiesApi = {
  list: (params: OpportunityListParams, signal?: AbortSignal) => api.get<Page<Opportunity>>('/opportunities', params, signal),
  get: (id: string) => api.get<Opportunity>(path(id)),
  create: (body: OpportunityInput) => api.post<Opportunity>('/opportunities', body),
  update: (id: string, body: OpportunityPatch) => api.patch<Opportunity>(path(id), body),
  remove: (id: string) => api.delete(path(id)),
  restore: (id: string) => api.post<Opportunity>(`${path(id)}/restore`),
  /** The pipeline as columns per stage, with counts and totals per currency. */
  board: (params: BoardParams, signal?: AbortSignal) => api.get<Board>('/opportunities/board', params, signal),
  /** Every stage, owner and amount change with actor and time. */
  history: (id: string, signal?: AbortSignal) => api.get<{ items: HistoryEntry[] }>(`${path(id)}/history`, undefined, signal),
  assign: (ids: string[], ownerId: string) => api.post<unknown>('/opportunities/assign', { ids, ownerId }),
}
