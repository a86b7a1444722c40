import { api, type Page } from '../../lib/api'
import type { Activity, ActivityInput, ActivityListParams, ActivityPatch, TimelineItem } from './types'

const path = (id: string) => `/activities/${encodeURIComponent(id)}`

export const activitiesApi = {
  list: (params: ActivityListParams, signal?: AbortSignal) => api.get<Page<Activity>>('/activities', params, signal),
  get: (id: string) => api.get<Activity>(path(id)),
  create: (body: ActivityInput) => api.post<Activity>('/activities', body),
  update: (id: string, body: ActivityPatch) => api.patch<Activity>(path(id), body),
  remove: (id: string) => api.delete(path(id)),
  /** A customer's merged timeline: activities, stage changes, conversions; newest first. */
  timeline: (customerId: string, cursor?: string, signal?: AbortSignal) =>
    api.get<Page<TimelineItem>>(`/customers/${encodeURIComponent(customerId)}/timeline`, { cursor, limit: 20 }, signal),
}
