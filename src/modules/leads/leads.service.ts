import type { Db, Executor } from '../../db/database'
import { finishPage, parseKeyset } from '../../db/keyset'
import { changedFields } from '../../lib/diff'
import { newId } from '../../lib/ids'
import { matchedOn, normalizeProbe } from '../../lib/duplicates'
import { phoneField, toE164 } from '../../lib/phone'
import { iso } from '../../lib/schema'
import { normalizeSearchTerm } from '../../lib/text'
import { AppError, fieldError } from '../../server/errors'
import { assertAccess, assertCanAssign, assertRole, canCreateOwned, scopeFor } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import { assertCampaign, isLiveCampaign } from '../campaigns/campaigns.refs'
import type { AuditService } from '../audit/audit.service'
import type { UserService } from '../users/users.service'
import type { CustomerService } from '../customers/customers.service'
import type { ContactService } from '../contacts/contacts.service'
import * as repo from './leads.repository'
import { routingOff, type LeadRouting } from './leads.routing'
import type { Duplicate, Lead, LeadCreate, LeadListQuery, LeadUpdate, PublicLead } from './leads.schema'
import type { LeadStatus } from './leads.table'

/**
 * A module whose rows hang off a lead (activities): they follow the lead into the customer,
 * contact and opportunity it is converted to, and go with a purged lead — inside that transaction.
 */
export interface LeadDependent {
  name: string
  moveToConversion(trx: Executor, leadId: string, target: { customerId: string; contactId: string; opportunityId: string | null }): Promise<number>
  purgeForLead(trx: Executor, leadId: string): Promise<void>
}

export interface LeadDeps {
  db: Db
  users: UserService
  audit: AuditService
  customers: CustomerService
  contacts: ContactService
  routing: LeadRouting
  defaultRegion: string
  dependents?: LeadDependent[]
}

export const toLead = (r: repo.LeadRow): Lead => ({
  ...r,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  convertedAt: r.convertedAt ? iso(r.convertedAt) : null,
  deletedAt: r.deletedAt ? iso(r.deletedAt) : null,
})

/** Where a status may go by PATCH; `converted` only through POST /leads/{id}/convert. */
const TRANSITIONS: Record<LeadStatus, LeadStatus[]> = {
  new: ['contacted', 'unqualified'],
  contacted: ['qualified', 'unqualified'],
  qualified: ['contacted', 'unqualified'],
  unqualified: ['contacted'],
  converted: [],
}

const sortKeys = {
  name: { column: 'l.name', type: 'text' as const },
  createdAt: { column: 'l.created_at', type: 'timestamptz' as const },
  updatedAt: { column: 'l.updated_at', type: 'timestamptz' as const },
  score: { column: 'l.score', type: 'integer' as const },
}
const deletedSortKeys = { deletedAt: { column: 'l.deleted_at', type: 'timestamptz' as const } }

const sortValue = (sort: string) => (r: repo.LeadRow) => {
  const field = sort.replace(/^-/, '')
  if (field === 'name') return r.name
  if (field === 'score') return String(r.score)
  return (field === 'updatedAt' ? r.updatedAt : field === 'deletedAt' ? r.deletedAt! : r.createdAt).toISOString()
}

export function createLeadService(deps: LeadDeps) {
  const { db, users, routing, defaultRegion } = deps
  const phone = (input: string | null | undefined) => phoneField(input, defaultRegion)

  /**
   * Ownership of a new or re-assigned lead. `null` asks for no owner: with round-robin on, an
   * admin or manager gets the next rep of the routing team instead; otherwise only an admin may.
   */
  async function owner(ctx: RequestContext, ownerId: string | null, trx: Executor, isNew: boolean) {
    if (ownerId === null) {
      if (isNew && (ctx.actor.role === 'admin' || ctx.actor.role === 'manager')) {
        const dealt = await routing.next(trx)
        if (dealt) return dealt
      }
      if (ctx.actor.role !== 'admin') throw routingOff()
      return { ownerId: null, teamId: null }
    }
    const candidate = await users.ownerCandidate(ownerId, trx)
    assertCanAssign(ctx.actor, candidate)
    return { ownerId: candidate.id, teamId: candidate.teamId }
  }

  /** The lead if the caller may see it (404 otherwise) — and change it, for `write` (403). */
  async function visible(ctx: RequestContext, id: string, access: 'read' | 'write', trx: Executor = db, opts: { deleted?: boolean } = {}) {
    const row = access === 'write' ? await repo.lockLead(trx, id) : await repo.findLeadById(trx, id)
    if (!row || (!opts.deleted && row.deletedAt)) throw new AppError('LEAD_NOT_FOUND')
    assertAccess(ctx.actor, row, access, 'LEAD_NOT_FOUND')
    if (opts.deleted && !row.deletedAt) throw new AppError('NOT_DELETED', 'This lead is not deleted')
    return row
  }

  const reload = async (trx: Executor, id: string) => toLead((await repo.findLeadById(trx, id))!)

  async function duplicatesOf(ctx: RequestContext, match: { email?: string | null; phone?: string | null; company?: string | null }, exceptId?: string) {
    const m = { email: match.email || null, phone: match.phone || null, company: match.company?.trim() || null }
    if (!m.email && !m.phone && !m.company) return { items: [] }
    const scope = scopeFor(ctx.actor, 'read')
    const [leads, customers, contacts] = await Promise.all([
      repo.findLeadsMatching(db, { ...m, scope, exceptId, limit: 20 }),
      deps.customers.duplicates(ctx, m),
      deps.contacts.duplicates(ctx, { email: m.email, phone: m.phone }),
    ])
    const probe = normalizeProbe(m)
    const on = (r: { name?: string; email: string | null; phone: string | null; company?: string | null }, kind: Duplicate['kind']) =>
      matchedOn(probe, r, { companyIsName: kind === 'customer' }) as Duplicate['matchedOn']
    const items: Duplicate[] = [
      ...leads.map((r) => ({ kind: 'lead' as const, id: r.id, name: r.name, matchedOn: on(r, 'lead') })),
      ...customers.map((r) => ({ kind: 'customer' as const, id: r.id, name: r.name, matchedOn: on(r, 'customer') })),
      ...contacts.map((r) => ({ kind: 'contact' as const, id: r.id, name: r.name, matchedOn: on(r, 'contact') })),
    ]
    return { items }
  }

  async function insert(trx: Executor, ctx: Pick<RequestContext, 'requestId' | 'ip'> & { actor: RequestContext['actor'] | null }, row: Parameters<typeof repo.insertLead>[1]) {
    await repo.insertLead(trx, row)
    const created = await reload(trx, row.id)
    const { id: _i, createdAt: _c, updatedAt: _u, version: _v, createdBy: _b, ownerName: _o, deletedAt: _d, convertedAt: _ca, ...fields } = created
    await recordAudit(trx, ctx, [{ action: 'create', entity: 'lead', entityId: row.id, changes: changedFields({}, fields) }])
    return created
  }

  return {
    /** Records follow their owner into a new team (users.service.ts). */
    teamFollower: { entity: 'lead', move: (trx: Executor, ownerId: string, teamId: string | null) => repo.moveOwnerTeam(trx, ownerId, teamId) },
    visible,
    toLead,
    /** For the opportunities module's purge: a converted lead forgets a purged deal. */
    opportunityDependent: {
      name: 'leads',
      purgeForOpportunities: async (trx: Executor, ids: string[]) => {
        if (ids.length) await repo.forgetOpportunities(trx, ids)
      },
    },

    async list(ctx: RequestContext, query: LeadListQuery) {
      const deleted = query.deleted ?? false
      const q = query.q ? normalizeSearchTerm(query.q) : undefined
      const filter = { ...query, q, deleted, scope: scopeFor(ctx.actor, deleted ? 'write' : 'read') }
      if (q && !query.sort && !query.cursor && !deleted) {
        const rows = await repo.searchLeads(db, { ...filter, q, limit: query.limit })
        return { items: rows.map(toLead), nextCursor: null }
      }
      const sort = query.sort ?? (deleted ? '-deletedAt' : '-createdAt')
      const keyset = parseKeyset(deleted ? deletedSortKeys : sortKeys, sort, query.cursor)
      const rows = await repo.listLeads(db, { ...filter, keyset, limit: query.limit })
      const page = finishPage(rows, query.limit, keyset, sortValue(sort))
      return { items: page.rows.map(toLead), nextCursor: page.nextCursor }
    },

    async search(ctx: RequestContext, q: string, limit: number) {
      return (await repo.searchLeads(db, { scope: scopeFor(ctx.actor, 'read'), deleted: false, q, limit })).map(toLead)
    },

    async get(ctx: RequestContext, id: string) {
      return toLead(await visible(ctx, id, 'read'))
    },

    async duplicates(ctx: RequestContext, id: string) {
      const lead = await visible(ctx, id, 'read')
      return duplicatesOf(ctx, lead, lead.id)
    },

    /** Before creating: the same reply for what the form holds (phone as typed, parsed here). */
    async checkDuplicates(ctx: RequestContext, match: { email?: string; phone?: string; company?: string }) {
      // The form is still being typed: a phone that does not parse yet is no match, not an error.
      const typedPhone = match.phone ? toE164(match.phone, defaultRegion) : null
      return duplicatesOf(ctx, { email: match.email, phone: typedPhone, company: match.company })
    },

    async create(ctx: RequestContext, input: LeadCreate): Promise<Lead> {
      if (!canCreateOwned(ctx.actor)) throw new AppError('FORBIDDEN', 'Your role cannot create leads')
      const e164 = phone(input.phone) ?? null
      return db.transaction().execute(async (trx) => {
        const ownership = await owner(ctx, input.ownerId === undefined ? ctx.actor.userId : input.ownerId, trx, true)
        await assertCampaign(trx, input.campaignId)
        return insert(trx, ctx, { ...input, ...ownership, id: newId(), phone: e164, createdBy: ctx.actor.userId })
      })
    },

    /**
     * The public web-to-lead form: no signed-in user. A filled honeypot is answered like a real
     * submission but stores nothing. The owner comes from the round-robin rule, or there is none.
     */
    async submitPublic(input: PublicLead, meta: { requestId: string; ip?: string; userAgent?: string; origin?: string }): Promise<void> {
      if (input.website2 && input.website2.trim() !== '') return
      const e164 = phone(input.phone) ?? null
      await db.transaction().execute(async (trx) => {
        const ownership = (await routing.next(trx)) ?? { ownerId: null, teamId: null }
        // A form still linking a finished-and-deleted campaign keeps its visitors: the lead comes in without it.
        const campaignId = input.campaignId && (await isLiveCampaign(trx, input.campaignId)) ? input.campaignId : null
        await insert(trx, { actor: null, requestId: meta.requestId, ip: meta.ip }, {
          id: newId(),
          name: input.name,
          company: input.company ?? null,
          email: input.email ?? null,
          phone: e164,
          source: input.source ?? 'web',
          campaignId,
          description: input.message ?? null,
          status: 'new',
          ...ownership,
          meta: JSON.stringify({ form: { ip: meta.ip ?? null, userAgent: meta.userAgent ?? null, origin: meta.origin ?? null } }),
          createdBy: null,
        })
      })
    },

    async update(ctx: RequestContext, id: string, input: LeadUpdate): Promise<Lead> {
      return db.transaction().execute(async (trx) => {
        const current = await visible(ctx, id, 'write', trx)
        if (current.status === 'converted') throw new AppError('LEAD_ALREADY_CONVERTED', 'A converted lead is read-only')
        if (current.version !== input.version) {
          throw new AppError('VERSION_CONFLICT', 'This lead was changed by someone else since you loaded it', { current: toLead(current) })
        }
        const { version: _v, ownerId, phone: phoneInput, ...rest } = input
        if (rest.status && rest.status !== current.status && !TRANSITIONS[current.status].includes(rest.status)) {
          throw fieldError('status', `A ${current.status} lead can become ${TRANSITIONS[current.status].join(' or ')}, not ${rest.status}`)
        }
        const patch: Partial<Lead> = { ...rest, ...(phoneInput !== undefined ? { phone: phone(phoneInput) } : {}) }
        if (rest.campaignId !== current.campaignId) await assertCampaign(trx, rest.campaignId)
        if (ownerId !== undefined && ownerId !== current.ownerId) Object.assign(patch, await owner(ctx, ownerId, trx, false))
        const changes = changedFields(toLead(current), patch)
        if (Object.keys(changes).length === 0) return toLead(current)
        const { ownerName: _o, ...columns } = patch as Partial<Lead> & { ownerName?: unknown }
        await repo.updateLead(trx, id, columns as Parameters<typeof repo.updateLead>[2])
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'lead', entityId: id, changes }])
        return reload(trx, id)
      })
    },

    async remove(ctx: RequestContext, id: string, purge: boolean): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (purge) {
          assertRole(ctx.actor, 'admin')
          const row = await repo.lockLead(trx, id)
          if (!row) throw new AppError('LEAD_NOT_FOUND')
          for (const d of deps.dependents ?? []) await d.purgeForLead(trx, id)
          await repo.purgeLead(trx, id)
          await recordAudit(trx, ctx, [{ action: 'purge', entity: 'lead', entityId: id, changes: { name: row.name } }])
          return
        }
        await visible(ctx, id, 'write', trx)
        await repo.updateLead(trx, id, { deletedAt: new Date() })
        await recordAudit(trx, ctx, [{ action: 'delete', entity: 'lead', entityId: id }])
      })
    },

    async restore(ctx: RequestContext, id: string): Promise<Lead> {
      return db.transaction().execute(async (trx) => {
        await visible(ctx, id, 'write', trx, { deleted: true })
        await repo.updateLead(trx, id, { deletedAt: null })
        await recordAudit(trx, ctx, [{ action: 'restore', entity: 'lead', entityId: id }])
        return reload(trx, id)
      })
    },

    /**
     * Bulk (re)assignment by a manager (to users of his team, leads his team may change) or an
     * admin: one transaction, one audit row a lead; any refusal leaves every lead as it was.
     */
    async assign(ctx: RequestContext, input: { ids: string[]; ownerId: string }): Promise<{ items: Lead[] }> {
      assertRole(ctx.actor, 'admin', 'manager')
      const ids = [...new Set(input.ids)]
      return db.transaction().execute(async (trx) => {
        const candidate = await users.ownerCandidate(input.ownerId, trx)
        assertCanAssign(ctx.actor, candidate)
        const rows = new Map((await repo.lockLeads(trx, ids)).map((r) => [r.id, r]))
        for (const id of ids) {
          const row = rows.get(id)
          if (!row || row.deletedAt) throw new AppError('LEAD_NOT_FOUND', `Lead ${id} not found`)
          assertAccess(ctx.actor, row, 'write', 'LEAD_NOT_FOUND')
          if (row.status === 'converted') throw new AppError('LEAD_ALREADY_CONVERTED', `Lead ${id} is converted and read-only`)
        }
        const moving = ids.filter((id) => rows.get(id)!.ownerId !== candidate.id)
        if (moving.length > 0) {
          await repo.assignLeads(trx, moving, { ownerId: candidate.id, teamId: candidate.teamId })
          await recordAudit(trx, ctx, moving.map((id) => ({
            action: 'assign',
            entity: 'lead',
            entityId: id,
            changes: { ownerId: { before: rows.get(id)!.ownerId, after: candidate.id } },
          })))
        }
        return { items: await Promise.all(ids.map((id) => reload(trx, id))) }
      })
    },

    async history(ctx: RequestContext, id: string, limit: number, cursor?: string) {
      await visible(ctx, id, 'read')
      return deps.audit.forEntity('lead', id, limit, cursor)
    },
  }
}

export type LeadService = ReturnType<typeof createLeadService>
