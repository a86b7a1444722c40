import type { StageRow } from '../pipeline-stages/pipeline-stages.service'
import type { LostReasonService } from '../lost-reasons/lost-reasons.service'
import type { Db, Executor } from '../../db/database'
import { finishPage, parseKeyset } from '../../db/keyset'
import { changedFields, type FieldChanges } from '../../lib/diff'
import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import { normalizeSearchTerm } from '../../lib/text'
import { AppError, fieldError, validationError } from '../../server/errors'
import { assertAccess, assertCanAssign, assertRole, canCreateOwned, scopeFor } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit, type AuditService } from '../audit/audit.service'
import { companyLocale } from '../company/company.service'
import { assertCampaign } from '../campaigns/campaigns.refs'
import type { UserService } from '../users/users.service'
import type { CustomerDependent, CustomerService } from '../customers/customers.service'
import type { ContactService } from '../contacts/contacts.service'
import type { StageService, StageUsage } from '../pipeline-stages/pipeline-stages.service'
import * as repo from './opportunities.repository'
import { assertAmountFits, moneyOut, priceLines } from './opportunities.money'
import { createPipelineFunctions } from './opportunities.pipeline'
import { createQuotingFunctions } from './opportunities.won'
import { dealDocuments, followDeals } from './opportunities.followers'
import { assertNoLostReason, auditLines, deletedSortKeys, lineRows, linesFromCatalog, rangeFilters, type LostInput, sortKeys, sortValue, toOpportunity, type CatalogProduct, type LineData } from './opportunities.model'
import type { Opportunity, OpportunityCreate, OpportunityLineInput, OpportunityListQuery, OpportunityUpdate } from './opportunities.schema'

/**
 * A module whose rows point at opportunities (activities, converted leads). It removes or
 * unlinks them before the opportunities are purged, inside that transaction.
 */
export interface OpportunityDependent {
  name: string
  purgeForOpportunities(trx: Executor, opportunityIds: string[]): Promise<void>
}

export interface OpportunityDeps {
  db: Db
  users: UserService
  customers: CustomerService
  contacts: ContactService
  stages: StageService
  lostReasons: Pick<LostReasonService, 'resolve'>
  audit: AuditService
  dependents?: OpportunityDependent[]
  /** The catalog, to check the productId of lines and take their default description. */
  products: { byIds(trx: Executor, ids: string[]): Promise<CatalogProduct[]> }
}

type Patch = Partial<Omit<Opportunity, 'closedAt' | 'lines'>> & { closedAt?: Date | null }

export function createOpportunityService(deps: OpportunityDeps) {
  const { db, users, customers, contacts, stages } = deps

  /**
   * The lost reason and note a deal gets in a stage of `kind`: none outside lost stages; in one,
   * what was given (a reason id, or legacy free text), else what it had. `required`: the deal is
   * entering the lost stage (or the reason is being changed), so it must end up with one.
   */
  async function lostFields(trx: Executor, kind: StageRow['kind'], input: LostInput, had: { lostReasonId: string | null; lostReason: string | null } | null, required: boolean) {
    assertNoLostReason(kind, input)
    if (kind !== 'lost') return { lostReasonId: null, lostReason: null }
    const given = input.lostReasonId !== undefined || input.lostNote !== undefined || input.lostReason !== undefined
    // Both names: API clients of the free-text reason read the error on lostReason.
    const missing = () => validationError(['lostReasonId', 'lostReason'].map((path) => ({ path, message: 'Say why the deal was lost' })))
    if (input.lostReason === null && !input.lostReasonId) throw missing() // clearing the free-text reason of a lost deal
    if (!given && had?.lostReasonId) return had
    const reasonId = input.lostReasonId ?? (input.lostReason ? undefined : had?.lostReasonId)
    const note = input.lostNote !== undefined ? input.lostNote : input.lostReasonId === undefined && !input.lostReason ? (had?.lostReason ?? null) : null
    const choice = await deps.lostReasons.resolve(trx, { reasonId, note, text: input.lostReason }, had?.lostReasonId ?? null)
    if (!choice) {
      if (required || given) throw missing()
      return { lostReasonId: null, lostReason: null }
    }
    return { lostReasonId: choice.reasonId, lostReason: choice.note }
  }

  // On PGlite's single connection, a query outside the open transaction would wait forever: pass trx.
  async function owner(ctx: RequestContext, ownerId: string | null, trx: Executor) {
    if (ownerId === null) {
      assertRole(ctx.actor, 'admin')
      return { ownerId: null, teamId: null }
    }
    const candidate = await users.ownerCandidate(ownerId, trx)
    assertCanAssign(ctx.actor, candidate)
    return { ownerId: candidate.id, teamId: candidate.teamId }
  }

  /** The deal if the caller may see it (404 otherwise) — and change it, for `write` (403). */
  async function visible(ctx: RequestContext, id: string, access: 'read' | 'write', trx: Executor = db, opts: { deleted?: boolean } = {}) {
    const row = access === 'write' ? await repo.lockOpportunity(trx, id) : await repo.findOpportunityById(trx, id)
    if (!row || (!opts.deleted && row.deletedAt)) throw new AppError('OPPORTUNITY_NOT_FOUND')
    assertAccess(ctx.actor, row, access, 'OPPORTUNITY_NOT_FOUND')
    if (opts.deleted && !row.deletedAt) throw new AppError('NOT_DELETED', 'This opportunity is not deleted')
    return row
  }

  /**
   * The customer must be one the caller sees (otherwise it is a bad field, not a 404 of the deal)
   * and may change (403): a deal is work hung on the customer.
   */
  async function assertCustomer(ctx: RequestContext, trx: Executor, customerId: string) {
    try {
      await customers.assertAttachable(ctx, customerId, trx)
    } catch (err) {
      if (err instanceof AppError && err.code === 'CUSTOMER_NOT_FOUND') throw fieldError('customerId', 'No such customer')
      throw err
    }
  }

  /** The contact's customer, or null when the caller cannot see the contact (or it is deleted). */
  async function customerOfContact(ctx: RequestContext, trx: Executor, contactId: string) {
    try {
      return (await contacts.visible(ctx, contactId, 'read', trx)).customerId
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONTACT_NOT_FOUND') return null
      throw err
    }
  }

  async function assertContact(ctx: RequestContext, trx: Executor, contactId: string, customerId: string) {
    const of = await customerOfContact(ctx, trx, contactId)
    if (of === null) throw fieldError('contactId', 'No such contact')
    if (of !== customerId) throw fieldError('contactId', 'The contact belongs to another customer')
  }

  /** A live stage by key (400 on `stage` when unknown), or the first open stage. */
  async function stageOf(trx: Executor, key: string | undefined) {
    const wanted = key ?? (await stages.all(trx)).find((s) => s.kind === 'open')?.key
    const stage = wanted === undefined ? undefined : await stages.lookup(trx, wanted)
    if (!stage) throw fieldError('stage', key === undefined ? 'The pipeline has no open stage' : `No such stage: ${key}`)
    return stage
  }

  async function resolveLines(trx: Executor, lines: OpportunityLineInput[], current: LineData[] = []) {
    const ids = lines.flatMap((l) => (l.productId ? [l.productId] : []))
    return linesFromCatalog(lines, ids.length ? await deps.products.byIds(trx, ids) : [], current.map((l) => l.productId ?? null))
  }

  async function load(trx: Executor, id: string) {
    const row = (await repo.findOpportunityById(trx, id))!
    return toOpportunity(row, await repo.linesOf(trx, [id]))
  }

  async function purge(trx: Executor, ids: string[]) {
    if (!ids.length) return
    for (const d of deps.dependents ?? []) await d.purgeForOpportunities(trx, ids)
    await repo.purgeOpportunities(trx, ids)
  }

  /** Create inside the caller's transaction: the normal create, and a lead conversion (with leadId). */
  async function createInTransaction(trx: Executor, ctx: RequestContext, input: OpportunityCreate & { leadId?: string | null }): Promise<Opportunity> {
    if (!canCreateOwned(ctx.actor)) throw new AppError('FORBIDDEN', 'Your role cannot create opportunities')
    const ownership = await owner(ctx, input.ownerId === undefined ? ctx.actor.userId : input.ownerId, trx)
    await assertCustomer(ctx, trx, input.customerId)
    if (input.contactId) await assertContact(ctx, trx, input.contactId, input.customerId)
    const stage = await stageOf(trx, input.stage)
    const currency = input.currency ?? (await companyLocale(trx)).currency
    const lines = await resolveLines(trx, input.lines ?? [])
    await assertCampaign(trx, input.campaignId)
    const priced = lines.length ? priceLines(lines, currency) : null
    const amount = priced?.total ?? input.amount ?? '0'
    if (!priced) assertAmountFits(amount, currency)
    const id = newId()
    await repo.insertOpportunity(trx, {
      id,
      name: input.name,
      customerId: input.customerId,
      contactId: input.contactId ?? null,
      ...ownership,
      stage: stage.key,
      amount,
      currency,
      probability: input.probability ?? stage.probability,
      expectedCloseDate: input.expectedCloseDate ?? null,
      ...(await lostFields(trx, stage.kind, input, null, true)),
      campaignId: input.campaignId ?? null,
      leadId: input.leadId ?? null,
      closedAt: stage.kind === 'open' ? null : new Date(),
      createdBy: ctx.actor.userId,
    })
    if (priced) await repo.replaceLines(trx, id, lineRows(id, lines, priced.amounts))
    const created = await load(trx, id)
    const { id: _i, createdAt: _c, updatedAt: _u, version: _v, createdBy: _b, ownerName: _o, customerName: _n, deletedAt: _d, lines: _l, ...fields } = created
    await recordAudit(trx, ctx, [
      { action: 'create', entity: 'opportunity', entityId: id, changes: changedFields({}, { ...fields, ...(lines.length ? { lines: auditLines(lines) } : {}) }) },
    ])
    return created
  }

  const dependent: CustomerDependent = {
    name: 'opportunities',
    async moveToCustomer(trx, ctx, sourceId, targetId) {
      const moved = await repo.moveToCustomer(trx, sourceId, targetId)
      await recordAudit(trx, ctx, moved.map((r) => ({ action: 'update', entity: 'opportunity', entityId: r.id, changes: { customerId: { before: sourceId, after: targetId } } })))
      return moved.length
    },
    purgeForCustomer: async (trx, customerId) => purge(trx, await repo.idsOfCustomer(trx, customerId)),
    countByCustomer: (exec, ids) => repo.countByCustomer(exec, ids),
  }

  const stageUsage: StageUsage = { name: 'opportunities', countInStage: (trx, key) => repo.countInStage(trx, key) }

  return {
    /** Records follow their owner into a new team (users.service.ts). */
    teamFollower: { entity: 'opportunity', move: (trx: Executor, ownerId: string, teamId: string | null) => repo.moveOwnerTeam(trx, ownerId, teamId) },
    visible,
    dependent,
    stageUsage,
    createInTransaction,
    ...createPipelineFunctions({ db, stages, audit: deps.audit, users, visible }),
    ...createQuotingFunctions({ stages, visible }),

    async list(ctx: RequestContext, query: OpportunityListQuery) {
      const deleted = query.deleted ?? false
      const sort = query.sort ?? (deleted ? '-deletedAt' : '-createdAt')
      const keyset = parseKeyset(deleted ? deletedSortKeys : sortKeys, sort, query.cursor)
      let keys = query.status ? (await stages.all()).filter((s) => s.kind === query.status).map((s) => s.key) : undefined
      if (query.stage) keys = keys ? keys.filter((k) => k === query.stage) : [query.stage]
      if (keys && !keys.length) return { items: [], nextCursor: null }
      const rows = await repo.listOpportunities(db, {
        scope: scopeFor(ctx.actor, deleted ? 'write' : 'read'),
        deleted,
        stages: keys,
        ownerId: query.ownerId,
        teamId: query.teamId,
        customerId: query.customerId,
        ...rangeFilters(query),
        q: query.q ? normalizeSearchTerm(query.q) : undefined,
        keyset,
        limit: query.limit,
      })
      const page = finishPage(rows, query.limit, keyset, sortValue(sort))
      const lines = await repo.linesOf(db, page.rows.map((r) => r.id))
      return { items: page.rows.map((r) => toOpportunity(r, lines.filter((l) => l.opportunityId === r.id))), nextCursor: page.nextCursor }
    },

    async get(ctx: RequestContext, id: string) {
      const row = await visible(ctx, id, 'read')
      return toOpportunity(row, await repo.linesOf(db, [id]))
    },

    async create(ctx: RequestContext, input: OpportunityCreate): Promise<Opportunity> {
      return db.transaction().execute((trx) => createInTransaction(trx, ctx, input))
    },

    async update(ctx: RequestContext, id: string, input: OpportunityUpdate): Promise<Opportunity> {
      return db.transaction().execute(async (trx) => {
        const row = await visible(ctx, id, 'write', trx)
        const currentLines = await repo.linesOf(trx, [id])
        const current = toOpportunity(row, currentLines)
        if (row.version !== input.version) {
          throw new AppError('VERSION_CONFLICT', 'This opportunity was changed by someone else since you loaded it', { current })
        }
        const { version: _v, ownerId, customerId, contactId, stage: stageKey, probability, lostReason, lostReasonId, lostNote, amount, currency: newCurrency, lines: typed, ...rest } = input
        const patch: Patch = { ...rest }
        if (rest.campaignId !== undefined && rest.campaignId !== row.campaignId) await assertCampaign(trx, rest.campaignId)

        // Customer and contact: the contact must belong to the (new) customer.
        const finalCustomer = customerId ?? row.customerId
        if (customerId !== undefined && customerId !== row.customerId) {
          await assertCustomer(ctx, trx, customerId)
          patch.customerId = customerId
        }
        if (contactId) await assertContact(ctx, trx, contactId, finalCustomer)
        if (contactId !== undefined) patch.contactId = contactId
        else if (patch.customerId && row.contactId && (await customerOfContact(ctx, trx, row.contactId)) !== finalCustomer) patch.contactId = null

        if (ownerId !== undefined && ownerId !== row.ownerId) Object.assign(patch, await owner(ctx, ownerId, trx))

        // Stage: probability follows it unless given; closedAt is set entering won/lost, cleared leaving them.
        const fromStage = await stages.lookup(trx, row.stage)
        const moving = stageKey !== undefined && stageKey !== row.stage
        const toStage = moving ? await stageOf(trx, stageKey) : fromStage
        const kind = toStage?.kind ?? 'open'
        if (moving) {
          patch.stage = toStage!.key
          patch.probability = probability ?? toStage!.probability
          patch.closedAt = kind === 'open' ? null : kind === (fromStage?.kind ?? 'open') && row.closedAt ? row.closedAt : new Date()
        } else if (probability !== undefined) {
          patch.probability = probability
        }
        const lostInput = { lostReason, lostReasonId, lostNote }
        const had = (fromStage?.kind ?? 'open') === 'lost' ? { lostReasonId: row.lostReasonId, lostReason: row.lostReason } : null
        const lost = await lostFields(trx, kind, lostInput, had, moving || Object.values(lostInput).some((v) => v !== undefined))
        patch.lostReasonId = lost.lostReasonId
        patch.lostReason = lost.lostReason

        // Money: with lines the amount is their total; without, the amount given.
        const currency = newCurrency ?? row.currency
        if (newCurrency !== undefined) patch.currency = newCurrency
        const lines = typed && (await resolveLines(trx, typed, currentLines))
        let newLines: LineData[] | null = null
        if (lines !== undefined && lines.length) newLines = lines
        else if (lines === undefined && currentLines.length) {
          if (amount !== undefined && moneyOut(amount, currency) !== moneyOut(row.amount, currency)) {
            throw fieldError('amount', "This deal's amount is the sum of its lines: change the lines, or send lines: [] to type the amount")
          }
          if (currency !== row.currency) newLines = currentLines // re-priced in the new currency
        }
        let amounts: string[] = []
        if (newLines) {
          const priced = priceLines(newLines, currency)
          patch.amount = moneyOut(priced.total, currency)
          amounts = priced.amounts
        } else if (lines !== undefined || !currentLines.length) {
          const typed = amount ?? row.amount
          assertAmountFits(typed, currency)
          patch.amount = moneyOut(typed, currency)
        }

        const changes: FieldChanges = changedFields({ ...current, closedAt: current.closedAt ? new Date(current.closedAt) : null } as Patch, patch)
        if (lines !== undefined) {
          const before = auditLines(currentLines)
          const after = auditLines(lines)
          if (JSON.stringify(before) !== JSON.stringify(after)) changes.lines = { before, after }
        }
        if (changes.closedAt) changes.closedAt = { before: current.closedAt, after: patch.closedAt ? iso(patch.closedAt) : null }
        if (Object.keys(changes).length === 0) return current

        const columns = Object.fromEntries(Object.keys(changes).filter((k) => k !== 'lines').map((k) => [k, patch[k as keyof Patch]]))
        await repo.updateOpportunity(trx, id, columns)
        if (changes.lines || (newLines && changes.currency)) await repo.replaceLines(trx, id, lineRows(id, newLines ?? [], amounts))
        const followed = changes.ownerId || changes.teamId ? await followDeals(trx, dealDocuments, [id]) : []
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'opportunity', entityId: id, changes }, ...followed])
        return load(trx, id)
      })
    },

    async remove(ctx: RequestContext, id: string, purgeIt: boolean): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (purgeIt) {
          assertRole(ctx.actor, 'admin')
          const row = await repo.lockOpportunity(trx, id)
          if (!row) throw new AppError('OPPORTUNITY_NOT_FOUND')
          await purge(trx, [id])
          await recordAudit(trx, ctx, [{ action: 'purge', entity: 'opportunity', entityId: id, changes: { name: row.name } }])
          return
        }
        await visible(ctx, id, 'write', trx)
        await repo.updateOpportunity(trx, id, { deletedAt: new Date() })
        await recordAudit(trx, ctx, [{ action: 'delete', entity: 'opportunity', entityId: id }])
      })
    },

    /** Back from the trash; a deal whose stage was deleted meanwhile comes back in the first open stage. */
    async restore(ctx: RequestContext, id: string): Promise<Opportunity> {
      return db.transaction().execute(async (trx) => {
        const row = await visible(ctx, id, 'write', trx, { deleted: true })
        let changes: FieldChanges | null = null
        let patch = {}
        if (!(await stages.lookup(trx, row.stage))) {
          const first = await stageOf(trx, undefined)
          patch = { stage: first.key, probability: first.probability, closedAt: null, lostReason: null, lostReasonId: null }
          changes = changedFields({ stage: row.stage, probability: row.probability, closedAt: row.closedAt ? iso(row.closedAt) : null, lostReason: row.lostReason }, patch)
        }
        await repo.updateOpportunity(trx, id, { ...patch, deletedAt: null })
        await recordAudit(trx, ctx, [{ action: 'restore', entity: 'opportunity', entityId: id, changes }])
        return load(trx, id)
      })
    },
  }
}

export type OpportunityService = ReturnType<typeof createOpportunityService>
