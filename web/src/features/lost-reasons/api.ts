import { api } from '../../lib/api'
import type { LostReason, LostReasonCreate, LostReasonUpdate } from './types'

export const lostReasonsApi = {
  list: (signal?: AbortSignal) => api.get<{ items: LostReason[] }>('/lost-reasons', undefined, signal),
  create: (body: LostReasonCreate) => api.post<LostReason>('/lost-reasons', body),
  update: (id: string, body: LostReasonUpdate) => api.patch<LostReason>(`/lost-reasons/${id}`, body),
}
