import { api, type Page } from '../../lib/api'
import type { ListCount, ListMember, MailingList, MailingListInput, MailingListListParams, MailingListPatch, MembersAdded, MembersToAdd, SegmentFilter, SegmentPreview, SegmentValues } from './types'

const path = (id: string) => `/mailing-lists/${encodeURIComponent(id)}`

export const mailingListsApi = {
  list: (params: MailingListListParams, signal?: AbortSignal) => api.get<Page<MailingList>>('/mailing-lists', { ...params }, signal),
  get: (id: string) => api.get<MailingList>(path(id)),
  create: (body: MailingListInput) => api.post<MailingList>('/mailing-lists', body),
  update: (id: string, body: MailingListPatch) => api.patch<MailingList>(path(id), body),
  remove: (id: string) => api.delete(path(id)),
  restore: (id: string) => api.post<MailingList>(`${path(id)}/restore`),
  /** Dynamic lists are evaluated now, on the server. */
  members: (id: string, params: { limit?: number; cursor?: string }, signal?: AbortSignal) => api.get<Page<ListMember>>(`${path(id)}/members`, params, signal),
  count: (id: string, signal?: AbortSignal) => api.get<ListCount>(`${path(id)}/count`, undefined, signal),
  addMembers: (id: string, body: MembersToAdd) => api.post<MembersAdded>(`${path(id)}/members`, body),
  /** `memberId` is the customer's, contact's or lead's id. */
  removeMember: (id: string, memberId: string) => api.delete(`${path(id)}/members/${encodeURIComponent(memberId)}`),
  // POST, not GET: the filter is a structure, and a long one would not fit a URL.
  preview: (filter: SegmentFilter) => api.post<SegmentPreview>('/mailing-lists/preview', { filter }),
  /** Existing values of a text field containing `q`, prefixes first. */
  values: (field: string, q: string, signal?: AbortSignal) => api.get<SegmentValues>('/mailing-lists/values', { field, q }, signal),
}
