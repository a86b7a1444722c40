import type { Db, Executor } from '../../db/database'
import { finishPage, parseKeyset } from '../../db/keyset'
import { changedFields } from '../../lib/diff'
import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import { AppError, fieldError } from '../../server/errors'
import { assertCanAssign, assertRole, canCreateOwned, inScope, scopeFor, type Access } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import type { UserService } from '../users/users.service'
import type { CustomerDependent, CustomerService } from '../customers/customers.service'
import type { ContactService } from '../contacts/contacts.service'
import type { LeadDependent, LeadService } from '../leads/leads.service'
import * as repo from './activities.repository'
import { dueWindow, assertTimeZone } from './due'
import { zoneOf } from '../users/users.service'
import { createTimeline } from './activities.timeline.service'
import { toActivity } from './activities.model'
import type { Activity, ActivityCreate, ActivityListQuery, ActivityUpdate } from './activities.schema'

/** What activities need of the opportunities module: is this deal visible, and whose customer's is it. */
export interface OpportunityReader {
  visible(ctx: RequestContext, id: string, access: Access, trx?: Executor): Promise<{ id: string; customerId: string; ownerId: string | null; teamId: string | null }>
}

/** What activities need of the tickets module: may the caller see this ticket. */
export interface TicketReader {
  visible(ctx: RequestContext, id: string, access: 'read', trx?: Executor): Promise<unknown>
}

export interface ActivityDeps {
  db: Db
  users: UserService
  customers: CustomerService
  contacts: ContactService
  leads: LeadService
  opportunities: OpportunityReader
  tickets: TicketReader
}

const sortKeys = {
  createdAt: { column: 'a.created_at', type: 'timestamptz' as const },
  dueAt: { column: 'a.due_at', type: 'timestamptz' as const },
}

type Links = Pick<Activity, 'customerId' | 'contactId' | 'leadId' | 'opportunityId' | 'ticketId'>

/**
 * Activities (calls, e-mails, meetings, notes, tasks). One is visible to whoever may see the
 * customer, lead or opportunity it is linked to (a contact counts through its customer), and to
 * its owner and his team; the same with write access for changes.
 */
export function createActivityService(deps: ActivityDeps) {
  const { db, users, customers, contacts, leads } = deps

  const may = (ctx: RequestContext, row: repo.ActivityRow, access: Access) => {
    const scope = scopeFor(ctx.actor, access)
    return (
      inScope(scope, row) ||
      (row.customerId !== null && inScope(scope, { ownerId: row.customerOwnerId, teamId: row.customerTeamId })) ||
      (row.leadId !== null && inScope(scope, { ownerId: row.leadOwnerId, teamId: row.leadTeamId })) ||
      (row.opportunityId !== null && inScope(scope, { ownerId: row.opportunityOwnerId, teamId: row.opportunityTeamId }))
    )
  }

  async function visible(ctx: RequestContext, id: string, access: Access, trx: Executor = db, opts: { deleted?: boolean } = {}) {
    const row = access === 'write' ? await repo.lockActivity(trx, id) : await repo.findActivityById(trx, id)
    if (!row || (opts.deleted ? !row.deletedAt : !!row.deletedAt)) throw new AppError('ACTIVITY_NOT_FOUND')
    if (!may(ctx, row, 'read')) throw new AppError('ACTIVITY_NOT_FOUND')
    if (access === 'write' && !may(ctx, row, 'write')) throw new AppError('FORBIDDEN', 'You may view this activity but not change it')
    return row
  }

  /** A link the caller may not see is a 400 on that field, as if it did not exist. */
  async function linked<T>(path: keyof Links, check: () => Promise<T>): Promise<T> {
    try {
      return await check()
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw fieldError(path, 'No such record')
      throw err
    }
  }

  /** Checks every link and completes them: a contact implies its customer, an opportunity its customer. */
  async function resolveLinks(ctx: RequestContext, trx: Executor, l: Partial<Links>, type: Activity['type'], kept: string | null = null): Promise<Links> {
    const out: Links = {
      customerId: l.customerId ?? null,
      contactId: l.contactId ?? null,
      leadId: l.leadId ?? null,
      opportunityId: l.opportunityId ?? null,
      ticketId: l.ticketId ?? null,
    }
    if (out.contactId) {
      const contact = await linked('contactId', () => contacts.visible(ctx, out.contactId!, 'read', trx))
      if (out.customerId && out.customerId !== contact.customerId) throw fieldError('contactId', 'This contact belongs to another customer')
      out.customerId = contact.customerId
    }
    let opportunity: { ownerId: string | null; teamId: string | null } | null = null
    if (out.opportunityId) {
      const opp = (opportunity = await linked('opportunityId', () => deps.opportunities.visible(ctx, out.opportunityId!, 'read', trx)))
      if (out.customerId && out.customerId !== opp.customerId) throw fieldError('opportunityId', 'This opportunity belongs to another customer')
      out.customerId = opp.customerId
    }
    if (out.customerId) {
      const customerId = out.customerId
      const writable = out.customerId === kept || (opportunity !== null && inScope(scopeFor(ctx.actor, 'write'), opportunity))
      // A new link hangs work on the customer: the caller must be able to change it, unless it comes with a deal he may change.
      await linked('customerId', () => (writable ? customers.visible(ctx, customerId, 'read', trx) : customers.assertAttachable(ctx, customerId, trx)))
    }
    if (out.leadId) await linked('leadId', () => leads.visible(ctx, out.leadId!, 'read', trx))
    if (out.ticketId) await linked('ticketId', () => deps.tickets.visible(ctx, out.ticketId!, 'read', trx))
    const any = out.customerId || out.contactId || out.leadId || out.opportunityId || out.ticketId
    if (!any && type !== 'task') {
      throw fieldError('customerId', 'Link the activity to a customer, contact, lead, opportunity or ticket (only a task may stand alone)')
    }
    return out
  }

  async function ownership(ctx: RequestContext, ownerId: string, trx: Executor) {
    const candidate = await users.ownerCandidate(ownerId, trx)
    assertCanAssign(ctx.actor, candidate)
    return { ownerId: candidate.id, teamId: candidate.teamId }
  }

  const reload = async (trx: Executor, id: string) => toActivity((await repo.findActivityById(trx, id))!)

  const customerDependent: CustomerDependent = {
    name: 'activities',
    moveToCustomer: (trx, _ctx, sourceId, targetId) => repo.moveToCustomer(trx, sourceId, targetId),
    purgeForCustomer: async (trx, customerId) => {
      await repo.purgeOfCustomer(trx, customerId)
    },
  }

  const leadDependent: LeadDependent = {
    name: 'activities',
    moveToConversion: (trx, leadId, target) => repo.moveToConversion(trx, leadId, target),
    purgeForLead: (trx, leadId) => repo.purgeOfLead(trx, leadId),
  }

  return {
    /** Records follow their owner into a new team (users.service.ts). */
    teamFollower: { entity: 'activity', move: (trx: Executor, ownerId: string, teamId: string | null) => repo.moveOwnerTeam(trx, ownerId, teamId) },
    dependent: customerDependent,
    leadDependent,
    /** For the opportunities module's purge: frees the foreign keys of the deals about to go. */
    opportunityDependent: {
      name: 'activities',
      purgeForOpportunities: (trx: Executor, ids: string[]) => repo.purgeOfOpportunities(trx, ids),
    },
    visible,
    timeline: createTimeline({ db, customers }),

    async list(ctx: RequestContext, query: ActivityListQuery) {
      // Days as the caller's calendar counts them: the zone asked for, else his own, else the company's.
      const zone = async () => (query.tz !== undefined ? assertTimeZone(query.tz) : zoneOf(db, ctx.actor.userId))
      const due = query.due ? dueWindow(query.due, await zone(), new Date()) : undefined
      const sort = query.sort ?? (query.due && query.due !== 'none' ? 'dueAt' : '-createdAt')
      if (query.due === 'none' && /^-?dueAt$/.test(sort)) throw fieldError('sort', 'Tasks without a due date sort by createdAt')
      const keyset = parseKeyset(sortKeys, sort, query.cursor)
      let scope = scopeFor(ctx.actor, 'read')
      // Every activity of a customer (or lead) the caller may see is visible: no per-row check needed.
      if (scope !== null && query.customerId && (await customers.visible(ctx, query.customerId, 'read').then(() => true, () => false))) scope = null
      else if (scope !== null && query.leadId && (await leads.visible(ctx, query.leadId, 'read').then(() => true, () => false))) scope = null
      const rows = await repo.listActivities(db, {
        ...query,
        ownerId: query.mine ? ctx.actor.userId : query.ownerId,
        scope,
        due,
        keyset,
        limit: query.limit,
      })
      const field = sort.replace(/^-/, '')
      const page = finishPage(rows, query.limit, keyset, (r) => (field === 'dueAt' ? r.dueAt! : r.createdAt).toISOString())
      return { items: page.rows.map(toActivity), nextCursor: page.nextCursor }
    },

    async get(ctx: RequestContext, id: string) {
      return toActivity(await visible(ctx, id, 'read'))
    },

    async create(ctx: RequestContext, input: ActivityCreate): Promise<Activity> {
      return db.transaction().execute((trx) => this.createInTransaction(trx, ctx, input))
    },

    /** Logs an activity inside the caller's transaction (a sent quote records its e-mail with the status change). */
    async createInTransaction(trx: Executor, ctx: RequestContext, input: ActivityCreate): Promise<Activity> {
      if (!canCreateOwned(ctx.actor)) throw new AppError('FORBIDDEN', 'Your role cannot log activities')
      {
        const links = await resolveLinks(ctx, trx, input, input.type)
        const owner = await ownership(ctx, input.ownerId ?? ctx.actor.userId, trx)
        const id = newId()
        await repo.insertActivity(trx, {
          id,
          type: input.type,
          subject: input.subject,
          body: input.body ?? null,
          dueAt: input.dueAt ? new Date(input.dueAt) : null,
          completedAt: input.completedAt ? new Date(input.completedAt) : null,
          customerId: links.customerId ?? null,
          contactId: links.contactId ?? null,
          leadId: links.leadId ?? null,
          opportunityId: links.opportunityId ?? null,
          ticketId: links.ticketId ?? null,
          ...owner,
          createdBy: ctx.actor.userId,
        })
        const created = await reload(trx, id)
        const { id: _i, createdAt: _c, updatedAt: _u, version: _v, createdBy: _b, ownerName: _o, deletedAt: _d, ...fields } = created
        await recordAudit(trx, ctx, [{ action: 'create', entity: 'activity', entityId: id, changes: changedFields({}, fields) }])
        return created
      }
    },

    /** Completing a task is a PATCH of completedAt (null re-opens it). */
    async update(ctx: RequestContext, id: string, input: ActivityUpdate): Promise<Activity> {
      return db.transaction().execute(async (trx) => {
        const row = await visible(ctx, id, 'write', trx)
        const current = toActivity(row)
        if (current.version !== input.version) {
          throw new AppError('VERSION_CONFLICT', 'This activity was changed by someone else since you loaded it', { current })
        }
        const { version: _v, ownerId, customerId, contactId, leadId, opportunityId, ticketId, ...rest } = input
        const asIso = (v: string | null | undefined) => (v ? iso(new Date(v)) : v)
        const patch: Partial<Activity> = { ...rest, dueAt: asIso(rest.dueAt), completedAt: asIso(rest.completedAt) }
        const linkInput = { customerId, contactId, leadId, opportunityId, ticketId }
        if (Object.values(linkInput).some((v) => v !== undefined)) {
          const merged: Partial<Links> = {
            customerId: current.customerId, contactId: current.contactId, leadId: current.leadId,
            opportunityId: current.opportunityId, ticketId: current.ticketId,
            ...Object.fromEntries(Object.entries(linkInput).filter(([, v]) => v !== undefined)),
          }
          // A contact or deal that changes brings its customer along, unless one was named.
          if (customerId === undefined && (contactId || opportunityId)) merged.customerId = null
          Object.assign(patch, await resolveLinks(ctx, trx, merged, input.type ?? current.type, current.customerId))
        }
        if (ownerId !== undefined && ownerId !== current.ownerId) Object.assign(patch, await ownership(ctx, ownerId, trx))
        const changes = changedFields(current, patch)
        if (Object.keys(changes).length === 0) return current
        const { dueAt, completedAt, ownerName: _o, ...columns } = patch as Partial<Activity> & { ownerName?: unknown }
        await repo.updateActivity(trx, id, {
          ...columns,
          ...(dueAt !== undefined ? { dueAt: dueAt === null ? null : new Date(dueAt) } : {}),
          ...(completedAt !== undefined ? { completedAt: completedAt === null ? null : new Date(completedAt) } : {}),
        } as Parameters<typeof repo.updateActivity>[2])
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'activity', entityId: id, changes }])
        return reload(trx, id)
      })
    },

    async remove(ctx: RequestContext, id: string, purge: boolean): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (purge) {
          assertRole(ctx.actor, 'admin')
          const row = await repo.lockActivity(trx, id)
          if (!row) throw new AppError('ACTIVITY_NOT_FOUND')
          await repo.purgeActivity(trx, id)
          await recordAudit(trx, ctx, [{ action: 'purge', entity: 'activity', entityId: id, changes: { subject: row.subject } }])
          return
        }
        await visible(ctx, id, 'write', trx)
        await repo.updateActivity(trx, id, { deletedAt: new Date() })
        await recordAudit(trx, ctx, [{ action: 'delete', entity: 'activity', entityId: id }])
      })
    },

    async restore(ctx: RequestContext, id: string): Promise<Activity> {
      return db.transaction().execute(async (trx) => {
        await visible(ctx, id, 'write', trx, { deleted: true })
        await repo.updateActivity(trx, id, { deletedAt: null })
        await recordAudit(trx, ctx, [{ action: 'restore', entity: 'activity', entityId: id }])
        return reload(trx, id)
      })
    },
  }
}

export type ActivityService = ReturnType<typeof createActivityService>
