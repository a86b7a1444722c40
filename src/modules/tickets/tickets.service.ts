import { finishPage, parseKeyset } from '../../db/keyset'
import { phoneField } from '../../lib/phone'
import { iso } from '../../lib/schema'
import { normalizeSearchTerm } from '../../lib/text'
import { AppError } from '../../server/errors'
import { assertRole } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import type { AuditService } from '../audit/audit.service'
import type { CustomerDependent } from '../customers/customers.service'
import type { Executor } from '../../db/database'
import { createTicketCore, pageAfter, positionOf, type TicketDeps } from './tickets.core'
import { createTicketComments } from './tickets.comments'
import { createTicketWorkflow } from './tickets.workflow'
import { createPublicTickets } from './tickets.public'
import { createTicketSurvey } from './tickets.survey'
import { assertCanAssignTicket, ticketScope, worksTickets } from './tickets.model'
import * as repo from './tickets.repository'
import type { Ticket, TicketCreate, TicketEvent, TicketListQuery } from './tickets.schema'
import { readSla } from './tickets.sla'

const sortKeys = {
  createdAt: { column: 't.created_at', type: 'timestamptz' as const },
  updatedAt: { column: 't.updated_at', type: 'timestamptz' as const },
  dueAt: { column: 't.due_sort', type: 'timestamptz' as const },
  priority: { column: 't.priority_rank', type: 'integer' as const },
}
const RANK = { low: 0, normal: 1, high: 2, urgent: 3 } as const

const sortValue = (sort: string) => (r: repo.TicketRow) => {
  const field = sort.replace(/^-/, '')
  if (field === 'priority') return String(RANK[r.priority])
  return (field === 'updatedAt' ? r.updatedAt : field === 'dueAt' ? r.dueSort : r.createdAt).toISOString()
}

export function createTicketService(deps: TicketDeps & { audit: AuditService }) {
  const core = createTicketCore(deps)
  const { db, now, present, visible } = core

  async function list(ctx: RequestContext, query: TicketListQuery): Promise<{ items: Ticket[]; nextCursor: string | null }> {
    const deleted = query.deleted ?? false
    if (deleted) assertRole(ctx.actor, 'admin', 'manager')
    const sort = query.sort ?? '-createdAt'
    const keyset = parseKeyset(sortKeys, sort, query.cursor)
    const { soonMinutes } = await readSla(db)
    const t = now()
    const rows = await repo.listTickets(db, {
      scope: ticketScope(ctx.actor),
      deleted,
      status: query.status,
      priority: query.priority,
      type: query.type,
      channel: query.channel,
      customerId: query.customerId,
      contactId: query.contactId,
      orderId: query.orderId,
      assigneeId: query.assigneeId === 'me' ? ctx.actor.userId : query.assigneeId,
      assigneeTeamId: query.assigneeTeamId,
      created: query.createdFrom || query.createdTo ? { from: query.createdFrom, to: query.createdTo, tz: query.tz ?? 'UTC' } : undefined,
      breach: query.breach ? { kind: query.breach, now: t, soonUntil: new Date(t.getTime() + soonMinutes * 60_000) } : undefined,
      q: query.q ? normalizeSearchTerm(query.q) : undefined,
      keyset,
      limit: query.limit,
    })
    const page = finishPage(rows, query.limit, keyset, sortValue(sort))
    return { items: await present(db, page.rows), nextCursor: page.nextCursor }
  }

  return {
    visible,
    /** Tickets follow a merged customer and outlive a purged one (unlinked). */
    customerDependent: {
      name: 'tickets',
      moveToCustomer: (trx: Executor, _ctx: RequestContext, sourceId: string, targetId: string) => repo.moveTicketsToCustomer(trx, sourceId, targetId),
      purgeForCustomer: async (trx: Executor, customerId: string) => {
        await repo.detachTicketsFromCustomer(trx, customerId)
      },
    } satisfies CustomerDependent,
    ...createTicketWorkflow(core, deps),
    ...createTicketComments(core),
    ...createPublicTickets(core, deps),
    ...createTicketSurvey(core),

    /** The mails to the requester and how each went (queued, sent, failed with the reason). */
    async mails(ctx: RequestContext, id: string) {
      await visible(ctx, id, 'read')
      return { items: deps.mail ? await deps.mail.list(id) : [] }
    },

    list,

    /** For global search: number and subject, newest first. */
    async search(ctx: RequestContext, q: string, limit: number) {
      return (await list(ctx, { q, limit, sort: '-createdAt' } as TicketListQuery)).items
    },

    async get(ctx: RequestContext, id: string): Promise<Ticket> {
      return (await present(db, [await visible(ctx, id, 'read')]))[0]!
    },

    async create(ctx: RequestContext, input: TicketCreate): Promise<Ticket> {
      if (!worksTickets(ctx.actor)) throw new AppError('FORBIDDEN', 'Your role cannot create tickets')
      const contactPhone = phoneField(input.contactPhone, deps.defaultRegion, 'contactPhone') ?? null
      await core.mail?.ready()
      return db.transaction().execute(async (trx) => {
        const viaOrder = await core.order(ctx, trx, input.orderId, input.customerId ?? null)
        const link = await core.link(ctx, trx, viaOrder, input.contactId ?? null)
        await core.product(trx, input.productId)
        const type = input.type ?? 'inquiry'
        const priority = input.priority ?? 'normal'
        let assigneeId: string | null = null
        if (input.assigneeId) {
          assertCanAssignTicket(ctx.actor, input.assigneeId)
          assigneeId = (await deps.assignment.assignee(trx, input.assigneeId)).id
        } else if (input.assigneeId === undefined) {
          assigneeId = await deps.assignment.pick(trx, { type, priority, customerTeamId: link.customerTeamId })
        }
        const created = await core.insert(trx, ctx, {
          type,
          priority,
          subject: input.subject,
          description: input.description ?? null,
          channel: input.channel ?? 'phone',
          customerId: link.customerId,
          contactId: link.contactId,
          orderId: input.orderId ?? null,
          productId: input.productId ?? null,
          contactName: input.contactName ?? null,
          contactEmail: input.contactEmail ?? null,
          contactPhone,
          expectedResolution: input.expectedResolution ?? null,
          language: input.language ?? null,
          assigneeId,
          createdBy: ctx.actor.userId,
        }, input.assigneeId === undefined)
        // Recorded by an agent with the caller's address: he gets the number to refer to.
        await core.mail?.enqueue(trx, created, 'acknowledgement', { actorId: ctx.actor.userId })
        return created
      })
    },

    async remove(ctx: RequestContext, id: string, purge: boolean): Promise<void> {
      assertRole(ctx.actor, 'admin', 'manager')
      await db.transaction().execute(async (trx) => {
        if (purge) {
          assertRole(ctx.actor, 'admin')
          const row = await repo.lockTicket(trx, id)
          if (!row) throw new AppError('TICKET_NOT_FOUND')
          await repo.purgeTicket(trx, id)
          await recordAudit(trx, ctx, [{ action: 'purge', entity: 'ticket', entityId: id, changes: { number: row.number, subject: row.subject } }])
          return
        }
        await visible(ctx, id, 'write', trx)
        await repo.updateTicket(trx, id, { deletedAt: now() })
        await core.logEvents(trx, id, ctx.actor.userId, [{ kind: 'deleted' }])
        await recordAudit(trx, ctx, [{ action: 'delete', entity: 'ticket', entityId: id }])
      })
    },

    async restore(ctx: RequestContext, id: string): Promise<Ticket> {
      assertRole(ctx.actor, 'admin', 'manager')
      return db.transaction().execute(async (trx) => {
        await visible(ctx, id, 'write', trx, { deleted: true })
        await repo.updateTicket(trx, id, { deletedAt: null })
        await core.logEvents(trx, id, ctx.actor.userId, [{ kind: 'restored' }])
        await recordAudit(trx, ctx, [{ action: 'restore', entity: 'ticket', entityId: id }])
        return core.reload(trx, id)
      })
    },

    /** The process log (处理过程): status, assignment, priority, customer and rating changes, oldest first. */
    async events(ctx: RequestContext, id: string, limit: number, cursor?: string): Promise<{ items: TicketEvent[]; nextCursor: string | null }> {
      await visible(ctx, id, 'read')
      const rows = await repo.listEvents(db, { ticketId: id, after: positionOf(cursor, 'ticket-events'), limit })
      const { page, nextCursor } = pageAfter(rows, limit, 'ticket-events', (r) => r.at)
      return {
        items: page.map((r) => ({ ...r, kind: r.kind as TicketEvent['kind'], at: iso(r.at) })),
        nextCursor,
      }
    },

    async history(ctx: RequestContext, id: string, limit: number, cursor?: string) {
      await visible(ctx, id, 'read')
      return deps.audit.forEntity('ticket', id, limit, cursor)
    },
  }
}

export type TicketService = ReturnType<typeof createTicketService>
