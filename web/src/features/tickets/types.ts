import type { z } from 'zod'
import type {
  Ticket,
  TicketComment,
  TicketEvent,
  TicketMail,
  TicketListQuery,
  publicTicketSchema,
  publicTicketReceivedSchema,
  ticketCommentCreateSchema,
  ticketCreateSchema,
  ticketUpdateSchema,
} from '@server/modules/tickets/tickets.schema'

export type { Ticket, TicketComment, TicketEvent, TicketMail }
export type TicketInput = z.input<typeof ticketCreateSchema>
export type TicketPatch = z.input<typeof ticketUpdateSchema>
export type TicketChanges = Omit<TicketPatch, 'version'>
export type CommentInput = z.input<typeof ticketCommentCreateSchema>
export type PublicTicketInput = z.input<typeof publicTicketSchema>
export type PublicTicketReceived = z.infer<typeof publicTicketReceivedSchema>
/** The list query as the web sends it: `status` is the comma-separated string the server splits. */
export type TicketListParams = Partial<Omit<TicketListQuery, 'status'>> & { status?: string }
export type TicketStatus = Ticket['status']
export type TicketPriority = Ticket['priority']
export type TicketType = Ticket['type']
export type TicketChannel = Ticket['channel']

/** Colour per value; the keys are also the lists of values (checked complete by the type). */
export const STATUS_COLORS = { new: 'blue', open: 'geekblue', pending: 'gold', resolved: 'green', closed: 'default' } as const satisfies Record<TicketStatus, string>
export const PRIORITY_COLORS = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' } as const satisfies Record<TicketPriority, string>
export const TYPE_COLORS = { inquiry: 'cyan', complaint: 'magenta', after_sales: 'purple' } as const satisfies Record<TicketType, string>
const CHANNEL_ORDER = { phone: 0, email: 1, web: 2, chat: 3, in_person: 4 } as const satisfies Record<TicketChannel, number>

export const TICKET_STATUSES = Object.keys(STATUS_COLORS) as TicketStatus[]
export const TICKET_PRIORITIES = Object.keys(PRIORITY_COLORS) as TicketPriority[]
export const TICKET_TYPES = Object.keys(TYPE_COLORS) as TicketType[]
export const TICKET_CHANNELS = Object.keys(CHANNEL_ORDER) as TicketChannel[]
/** Statuses still being worked (the inbox's views show these). */
export const OPEN_STATUSES = 'new,open,pending'

/** The workflow buttons per status (the server refuses any other step; a closed ticket stays closed). */
export const NEXT_STATUSES = {
  new: ['open', 'pending', 'resolved'],
  open: ['pending', 'resolved'],
  pending: ['open', 'resolved'],
  resolved: ['closed', 'open'],
  closed: [],
} as const satisfies Record<TicketStatus, readonly TicketStatus[]>

export const TICKET_VIEWS = ['mine', 'unassigned', 'breaching', 'all'] as const
export type TicketView = (typeof TICKET_VIEWS)[number]

export const ticketKeys = {
  all: ['tickets'] as const,
  lists: () => [...ticketKeys.all, 'list'] as const,
  list: (params: TicketListParams) => [...ticketKeys.lists(), params] as const,
  detail: (id: string) => [...ticketKeys.all, 'detail', id] as const,
  comments: (id: string) => [...ticketKeys.all, 'comments', id] as const,
  history: (id: string) => [...ticketKeys.all, 'history', id] as const,
  mails: (id: string) => [...ticketKeys.all, 'mails', id] as const,
}
