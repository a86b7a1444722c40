import type { Updateable } from 'kysely'
import type { Executor } from '../../db/database'
import { changedFields } from '../../lib/diff'
import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import { AppError, fieldError } from '../../server/errors'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import type { Acting, TicketCore, TicketEventInput } from './tickets.core'
import { pageAfter, positionOf } from './tickets.core'
import * as repo from './tickets.repository'
import { clockPatch, readSla } from './tickets.sla'
import type { TicketComment, TicketCommentCreate } from './tickets.schema'
import type { TicketsTable } from './tickets.table'

const toComment = (r: repo.CommentRow): TicketComment => ({ ...r, createdAt: iso(r.createdAt) })

/**
 * A comment and what it does to its ticket, inside the caller's transaction:
 * - an agent's public reply is the first response (firstRespondedAt) and opens a new ticket;
 * - a customer's reply reopens a resolved ticket and takes a pending one back to open;
 * - an internal note changes nothing but the log. A closed ticket takes internal notes only.
 */
export async function addComment(
  core: TicketCore,
  trx: Executor,
  ctx: Acting,
  ticket: repo.TicketRow,
  input: TicketCommentCreate & { authorName?: string | null },
): Promise<TicketComment> {
  if (input.internal && input.fromCustomer) throw fieldError('fromCustomer', 'An internal note cannot come from the customer')
  if (ticket.status === 'closed' && !input.internal) {
    throw new AppError('TICKET_CLOSED', 'This ticket is closed: add an internal note, or open a new ticket for the customer')
  }
  const t = core.now()
  const id = newId()
  const row = await repo.insertComment(trx, await core.encryption.sealRow('ticketComments', id, {
    id,
    ticketId: ticket.id,
    body: input.body,
    internal: input.internal,
    fromCustomer: input.fromCustomer,
    authorId: input.fromCustomer ? null : ctx.actor?.userId ?? null,
    authorName: input.fromCustomer ? input.authorName ?? ticket.contactName ?? ticket.customerName : null,
    createdAt: t,
  }, trx))
  await recordAudit(trx, ctx, [{
    action: 'create',
    entity: 'ticket_comment',
    entityId: row.id,
    changes: { ticketId: ticket.id, internal: row.internal, fromCustomer: row.fromCustomer },
  }])

  const patch: Updateable<TicketsTable> = {}
  const events: TicketEventInput[] = []
  if (input.fromCustomer) {
    patch.lastCustomerReplyAt = t
    if (ticket.status === 'resolved' || ticket.status === 'pending') {
      patch.status = 'open'
      if (ticket.status === 'pending') Object.assign(patch, clockPatch(await readSla(trx), ticket, 'open', t))
      if (ticket.status === 'resolved') Object.assign(patch, { resolvedAt: null, satisfaction: null, satisfactionComment: null, satisfactionAt: null })
      events.push({ kind: 'status', before: ticket.status, after: 'open' })
    }
  } else if (!input.internal) {
    if (!ticket.firstRespondedAt) patch.firstRespondedAt = t
    if (ticket.status === 'new') {
      patch.status = 'open'
      events.push({ kind: 'status', before: 'new', after: 'open' })
    }
  }
  const changes = changedFields(ticket, patch as Partial<repo.TicketRow>)
  if (Object.keys(changes).length) {
    await core.update(trx, ctx, ticket.id, patch, changes)
    await core.logEvents(trx, ticket.id, ctx.actor?.userId ?? null, events)
  }
  // A public reply of the agent goes to the customer; internal notes and replies the customer gave never do.
  if (!input.internal && !input.fromCustomer) await core.mail?.enqueue(trx, ticket, 'reply', { commentId: row.id, actorId: ctx.actor?.userId ?? null })
  const [withAuthor] = (await repo.listComments(trx, { ticketId: ticket.id, after: null, limit: 1, includeInternal: true, only: row.id }))
  return toComment(await core.encryption.openRow('ticketComments', withAuthor!.id, withAuthor!, trx))
}

export function createTicketComments(core: TicketCore) {
  const { db } = core
  return {
    /** Staff who may see the ticket see all its comments, internal notes included; oldest first. */
    async comments(ctx: RequestContext, id: string, limit: number, cursor?: string) {
      await core.visible(ctx, id, 'read')
      const rows = await repo.listComments(db, { ticketId: id, after: positionOf(cursor, 'ticket-comments'), limit, includeInternal: true })
      const { page, nextCursor } = pageAfter(rows, limit, 'ticket-comments', (r) => r.createdAt)
      return { items: (await core.encryption.openRows('ticketComments', page)).map(toComment), nextCursor }
    },

    async comment(ctx: RequestContext, id: string, input: TicketCommentCreate): Promise<TicketComment> {
      await core.mail?.ready()
      return db.transaction().execute(async (trx) => {
        const ticket = await core.visible(ctx, id, 'write', trx)
        return addComment(core, trx, ctx, ticket, input)
      })
    },
  }
}
