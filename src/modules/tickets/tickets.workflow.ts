import type { Updateable } from 'kysely'
import { changedFields } from '../../lib/diff'
import { phoneField } from '../../lib/phone'
import { AppError, fieldError } from '../../server/errors'
import type { RequestContext } from '../../server/context'
import type { TicketCore, TicketDeps, TicketEventInput } from './tickets.core'
import { assertCanAssignTicket, toTicket, TRANSITIONS } from './tickets.model'
import * as repo from './tickets.repository'
import type { Ticket, TicketUpdate } from './tickets.schema'
import { clockPatch, dueTimes, readSla } from './tickets.sla'
import type { TicketsTable, TicketStatus } from './tickets.table'

type Patch = Updateable<TicketsTable>

/** The rating is the customer's, given from the survey mailed with the resolution: no agent sets it. */
export const RATING_IS_THE_CUSTOMERS = "The satisfaction rating is the customer's own: it comes from the survey mailed with the resolution and cannot be set here"

/**
 * PATCH /tickets/{id}: fields, status workflow, assignment, priority (new deadlines) and the
 * customer match, in one transaction with one audit row and the process-log entries.
 */
export function createTicketWorkflow(core: TicketCore, deps: TicketDeps) {
  const { db, now } = core

  /** The status change's own columns; throws for a move the workflow does not allow. */
  function statusPatch(current: repo.TicketRow, to: TicketStatus, resolution: string | null, t: Date): Patch {
    if (to === current.status) {
      if (to === 'closed') throw new AppError('TICKET_CLOSED', 'This ticket is already closed')
      return {}
    }
    if (!TRANSITIONS[current.status].includes(to)) {
      throw fieldError('status', current.status === 'closed'
        ? 'A closed ticket cannot change status; open a new ticket instead'
        : `A ${current.status} ticket can become ${TRANSITIONS[current.status].join(', ')}, not ${to}`)
    }
    if ((to === 'resolved' || to === 'closed') && !resolution) {
      throw fieldError('resolution', `Describe the resolution (处理结果) to ${to === 'resolved' ? 'resolve' : 'close'} the ticket`)
    }
    const patch: Patch = { status: to }
    if (to === 'resolved' || to === 'closed') {
      patch.resolvedAt = current.resolvedAt ?? t
      // Resolving answers the customer: a ticket never replied to before counts as answered now.
      if (!current.firstRespondedAt) patch.firstRespondedAt = t
    }
    if (to === 'closed') patch.closedAt = t
    if (current.status === 'resolved' && to === 'open') {
      // Reopened: the resolution clock runs again from its original deadline; the old rating goes.
      Object.assign(patch, { resolvedAt: null, satisfaction: null, satisfactionComment: null, satisfactionAt: null })
    }
    return patch
  }

  return {
    async update(ctx: RequestContext, id: string, input: TicketUpdate): Promise<Ticket> {
      if (input.satisfaction !== undefined || input.satisfactionComment !== undefined) {
        throw new AppError('VALIDATION_FAILED', RATING_IS_THE_CUSTOMERS, {
          errors: (['satisfaction', 'satisfactionComment'] as const).filter((k) => input[k] !== undefined).map((path) => ({ path, message: RATING_IS_THE_CUSTOMERS })),
        })
      }
      const contactPhone = phoneField(input.contactPhone, deps.defaultRegion, 'contactPhone')
      await core.mail?.ready()
      return db.transaction().execute(async (trx) => {
        const current = await core.visible(ctx, id, 'write', trx)
        const sla = await readSla(trx)
        const t = now()
        if (current.version !== input.version) {
          throw new AppError('VERSION_CONFLICT', 'This ticket was changed by someone else since you loaded it', {
            current: toTicket(current, t, sla.soonMinutes),
          })
        }
        const { version: _v, status, assigneeId, customerId, contactId, orderId, productId, priority, satisfaction: _s, satisfactionComment: _sc, ...fields } = input
        const asked = changedFields(current, { ...fields, contactPhone, status, assigneeId, customerId, contactId, orderId, productId, priority })
        if (current.status === 'closed') {
          if (status === 'closed') throw new AppError('TICKET_CLOSED', 'This ticket is already closed')
          const refused = Object.keys(asked)
          if (refused.length) throw new AppError('TICKET_CLOSED', `A closed ticket is read-only (${refused.join(', ')})`)
        }

        const patch: Patch = { ...fields }
        if (contactPhone !== undefined) patch.contactPhone = contactPhone
        const events: TicketEventInput[] = []

        const orderChanged = orderId !== undefined && orderId !== current.orderId
        if (customerId !== undefined || contactId !== undefined || orderChanged) {
          const wanted = customerId !== undefined ? customerId : contactId ? null : current.customerId
          const nextContact = contactId !== undefined ? contactId : customerId !== undefined && customerId !== current.customerId ? null : current.contactId
          // The order (new or kept) must be the customer's; a ticket without customer takes the order's.
          const nextCustomer = await core.order(ctx, trx, orderId !== undefined ? orderId : current.orderId, wanted)
          const link = await core.link(ctx, trx, nextCustomer, nextContact)
          if (orderChanged) patch.orderId = orderId
          if (link.customerId !== current.customerId || link.contactId !== current.contactId) {
            patch.customerId = link.customerId
            patch.contactId = link.contactId
            events.push({ kind: 'customer', before: { customerId: current.customerId, contactId: current.contactId }, after: { customerId: link.customerId, contactId: link.contactId } })
          }
        }

        if (productId !== undefined && productId !== current.productId) {
          await core.product(trx, productId)
          patch.productId = productId
        }

        // Worked out before the priority: leaving pending adds waiting time that new deadlines keep.
        let statusChange: Patch = {}
        if (status !== undefined) {
          const resolution = input.resolution !== undefined ? input.resolution : current.resolution
          const sp = statusPatch(current, status, resolution ?? null, t)
          statusChange = sp.status ? { ...sp, ...clockPatch(sla, current, sp.status, t) } : sp
        }

        if (priority !== undefined && priority !== current.priority) {
          patch.priority = priority
          Object.assign(patch, dueTimes(sla, current.createdAt, priority, statusChange.slaPausedMs ?? current.slaPausedMs))
          events.push({ kind: 'priority', before: current.priority, after: priority })
        }

        if (assigneeId !== undefined && assigneeId !== current.assigneeId) {
          assertCanAssignTicket(ctx.actor, assigneeId)
          const user = assigneeId ? await deps.assignment.assignee(trx, assigneeId) : null
          patch.assigneeId = assigneeId
          events.push({ kind: 'assigned', before: { assigneeId: current.assigneeId, name: current.assigneeName }, after: { assigneeId, name: user?.name ?? null, automatic: false } })
        }

        if (statusChange.status) {
          events.push({ kind: 'status', before: current.status, after: statusChange.status })
          const { resolutionDueAt, ...rest } = statusChange
          Object.assign(patch, rest, patch.priority === undefined && resolutionDueAt !== undefined ? { resolutionDueAt } : {})
        }
        if (input.resolution === null && ['resolved', 'closed'].includes((patch.status as string) ?? current.status)) {
          throw fieldError('resolution', 'A resolved ticket keeps its resolution')
        }

        const changes = changedFields(current, patch as Partial<repo.TicketRow>)
        if (Object.keys(changes).length === 0) return toTicket(current, t, sla.soonMinutes)
        await core.update(trx, ctx, id, patch, changes)
        await core.logEvents(trx, id, ctx.actor.userId, events)
        const done = (s: TicketStatus) => s === 'resolved' || s === 'closed'
        // Resolved (or closed straight away): the customer gets the resolution and the survey, once per resolution.
        if (statusChange.status && done(statusChange.status) && !done(current.status)) {
          await core.mail?.enqueue(trx, { id, contactEmail: 'contactEmail' in patch ? (patch.contactEmail as string | null) : current.contactEmail }, 'resolution', { actorId: ctx.actor.userId })
        }
        return core.reload(trx, id)
      })
    },
  }
}
