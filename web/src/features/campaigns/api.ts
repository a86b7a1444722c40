import { api, type Page } from '../../lib/api'
import type { Campaign, CampaignInput, CampaignListParams, CampaignPatch, CampaignPreview, CampaignStats, ComparisonRow, TestSent } from './types'

const path = (id: string) => `/campaigns/${encodeURIComponent(id)}`

export const campaignsApi = {
  list: (params: CampaignListParams, signal?: AbortSignal) => api.get<Page<Campaign>>('/campaigns', { ...params }, signal),
  get: (id: string) => api.get<Campaign>(path(id)),
  create: (body: CampaignInput) => api.post<Campaign>('/campaigns', body),
  update: (id: string, body: CampaignPatch) => api.patch<Campaign>(path(id), body),
  remove: (id: string) => api.delete(path(id)),
  restore: (id: string) => api.post<Campaign>(`${path(id)}/restore`),
  stats: (id: string, signal?: AbortSignal) => api.get<CampaignStats>(`${path(id)}/stats`, undefined, signal),
  /** The saved template as `memberId` (default: the list's first member with an address) would get it. */
  preview: (id: string, memberId: string | undefined, signal?: AbortSignal) => api.get<CampaignPreview>(`${path(id)}/preview`, { memberId }, signal),
  testSend: (id: string, to: string, memberId?: string) => api.post<TestSent>(`${path(id)}/test-send`, memberId ? { to, memberId } : { to }),
  /** 202: the send runs as a background job; without `scheduledAt` it starts now. */
  send: (id: string, scheduledAt?: string) => api.post<unknown>(`${path(id)}/send`, scheduledAt ? { scheduledAt } : {}),
  /** Stats of several campaigns in one request (default: the newest 50). */
  compare: (ids: string[], signal?: AbortSignal) => api.get<{ items: ComparisonRow[] }>('/campaigns/compare', { ids: ids.join(',') || undefined }, signal),
}
