import { api, type Page } from '../../lib/api'
import type { Team, TeamCreate, TeamUpdate } from './types'

const path = (id: string) => `/teams/${encodeURIComponent(id)}`

export const teamsApi = {
  list: (signal?: AbortSignal) => api.get<Page<Team>>('/teams', { limit: 200 }, signal),
  create: (body: TeamCreate) => api.post<Team>('/teams', body),
  update: (id: string, body: TeamUpdate) => api.patch<Team>(path(id), body),
  remove: (id: string) => api.delete(path(id)),
}
