import { api, type Page } from '../../lib/api'
import type { CommentInput, PublicTicketInput, PublicTicketReceived, Ticket, TicketComment, TicketEvent, TicketInput, TicketListParams, TicketMail, TicketPatch } from './types'

const path = (id: string) => `/tickets/${encodeURIComponent(id)}`

export const ticketsApi = {
  list: (params: TicketListParams, signal?: AbortSignal) => api.get<Page<Ticket>>('/tickets', params, signal),
  get: (id: string) => api.get<Ticket>(path(id)),
  create: (body: TicketInput) => api.post<Ticket>('/tickets', body),
  /** Status, assignee, customer and resolution change through here, with `version` (the rating is the customer's, from the survey). */
  update: (id: string, body: TicketPatch) => api.patch<Ticket>(path(id), body),
  comments: (id: string, signal?: AbortSignal) => api.get<Page<TicketComment>>(`${path(id)}/comments`, { limit: 200 }, signal),
  addComment: (id: string, body: CommentInput) => api.post<TicketComment>(`${path(id)}/comments`, body),
  /** The process log of changes (status, assignment, priority, customer, rating), oldest first. */
  mails: (id: string, signal?: AbortSignal) => api.get<{ items: TicketMail[] }>(`${path(id)}/mails`, undefined, signal),
  events: (id: string, signal?: AbortSignal) => api.get<Page<TicketEvent>>(`${path(id)}/events`, { limit: 200 }, signal),
  /** No session: the customer's form. Answers with the ticket number. */
  submitPublic: (body: PublicTicketInput) => api.post<PublicTicketReceived>('/public/tickets', body),
}
