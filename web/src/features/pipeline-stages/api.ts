import { api } from '../../lib/api'
import type { Stage, StageCreate, StageUpdate } from './types'

const path = (key: string) => `/pipeline-stages/${encodeURIComponent(key)}`

export const stagesApi = {
  list: (signal?: AbortSignal) => api.get<{ items: Stage[] }>('/pipeline-stages', undefined, signal),
  create: (body: StageCreate) => api.post<Stage>('/pipeline-stages', body),
  update: (key: string, body: StageUpdate) => api.patch<Stage>(path(key), body),
  remove: (key: string) => api.delete(path(key)),
  /** The complete new order, by key. */
  reorder: (keys: string[]) => api.post<{ items: Stage[] }>('/pipeline-stages/reorder', { keys }),
}
