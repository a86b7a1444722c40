import { iso } from '../../lib/schema'
import { AppError } from '../../server/errors'
import { inScope, scopeFor, type Scope } from '../../server/permissions'
import type { Actor } from '../../server/context'
import type { TicketRow } from './tickets.repository'
import type { Ticket } from './tickets.schema'
import type { TicketStatus } from './tickets.table'

// Rows to API records, the workflow and who may do what: no I/O here.

const NO_DUE_YEAR = 9999
export const ACTIVE_STATUSES: TicketStatus[] = ['new', 'open', 'pending']
export const isActive = (s: TicketStatus) => ACTIVE_STATUSES.includes(s)

/** Where a status may go by PATCH. Closed is final: a new problem is a new ticket. */
export const TRANSITIONS: Record<TicketStatus, TicketStatus[]> = {
  new: ['open', 'pending', 'resolved', 'closed'],
  open: ['pending', 'resolved', 'closed'],
  pending: ['open', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: [],
}

/** Breach flags from stored timestamps and the current time only, so a restart changes nothing. */
export function toTicket(r: TicketRow, now: Date, soonMinutes: number): Ticket {
  const t = now.getTime()
  const nextDue = r.dueSort && r.dueSort.getUTCFullYear() < NO_DUE_YEAR ? r.dueSort : null
  const late = (due: Date | null, done: Date | null) => !!due && (done ?? now).getTime() > due.getTime()
  const firstResponseBreached = late(r.firstResponseDueAt, r.firstRespondedAt ?? r.resolvedAt)
  // A pending ticket's resolution clock stands still where it stopped.
  const resolutionBreached = late(r.resolutionDueAt, r.resolvedAt ?? r.slaPausedAt)
  const breachSoon =
    isActive(r.status) && !!nextDue && nextDue.getTime() >= t && nextDue.getTime() < t + soonMinutes * 60_000
  const opt = (d: Date | null) => (d ? iso(d) : null)
  return {
    id: r.id,
    number: r.number,
    type: r.type,
    subject: r.subject,
    description: r.description,
    channel: r.channel,
    priority: r.priority,
    status: r.status,
    customerId: r.customerId,
    customerName: r.customerName,
    contactId: r.contactId,
    contactName: r.contactName,
    contactEmail: r.contactEmail,
    contactPhone: r.contactPhone,
    requesterVerified: r.requesterVerified,
    orderId: r.orderId,
    productId: r.productId,
    expectedResolution: r.expectedResolution,
    resolution: r.resolution,
    satisfaction: r.satisfaction,
    satisfactionComment: r.satisfactionComment,
    satisfactionAt: opt(r.satisfactionAt),
    language: r.language === 'zh-CN' || r.language === 'en' ? r.language : null,
    assigneeId: r.assigneeId,
    assigneeName: r.assigneeName,
    firstResponseDueAt: opt(r.firstResponseDueAt),
    resolutionDueAt: opt(r.resolutionDueAt),
    firstRespondedAt: opt(r.firstRespondedAt),
    resolvedAt: opt(r.resolvedAt),
    closedAt: opt(r.closedAt),
    lastCustomerReplyAt: opt(r.lastCustomerReplyAt),
    slaPausedAt: opt(r.slaPausedAt),
    nextDueAt: opt(nextDue),
    firstResponseBreached,
    resolutionBreached,
    breachSoon,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    createdBy: r.createdBy,
    version: r.version,
    deletedAt: opt(r.deletedAt),
  }
}

/**
 * Who works tickets: admins, managers and support users see and change every ticket. Sales users
 * read the tickets of customers they may see (read-only); marketing sees none.
 */
export const worksTickets = (actor: Actor) => actor.role === 'admin' || actor.role === 'manager' || actor.role === 'support'

/** The list filter, applied in SQL to the ticket's customer. */
export function ticketScope(actor: Actor): Scope {
  if (worksTickets(actor)) return null
  if (actor.role === 'sales') return scopeFor(actor, 'read')
  return 'none'
}

/** 404 when the caller may not see the ticket, 403 when he sees it but may not change it. */
export function assertTicketAccess(actor: Actor, r: Pick<TicketRow, 'customerId' | 'customerOwnerId' | 'customerTeamId'>, access: 'read' | 'write') {
  const scope = ticketScope(actor)
  const visible = scope === null || (r.customerId !== null && inScope(scope, { ownerId: r.customerOwnerId, teamId: r.customerTeamId }))
  if (!visible) throw new AppError('TICKET_NOT_FOUND')
  if (access === 'write' && !worksTickets(actor)) throw new AppError('FORBIDDEN', 'You may view this ticket but not work on it')
}

/**
 * Manual assignment: a support lead (admin or manager) assigns to any active support user or
 * unassigns; a support user may only take a ticket himself.
 */
export function assertCanAssignTicket(actor: Actor, assigneeId: string | null) {
  if (actor.role === 'admin' || actor.role === 'manager') return
  if (actor.role === 'support' && assigneeId === actor.userId) return
  throw new AppError('FORBIDDEN', 'Only an admin or a manager assigns tickets to others; support users may take a ticket themselves')
}
