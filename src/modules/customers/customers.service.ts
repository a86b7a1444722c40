import type { Db, Executor } from '../../db/database'
import { finishPage, parseKeyset } from '../../db/keyset'
import { changedFields, type FieldChanges } from '../../lib/diff'
import { newId } from '../../lib/ids'
import { phoneField } from '../../lib/phone'
import { iso } from '../../lib/schema'
import { normalizeSearchTerm } from '../../lib/text'
import { AppError, fieldError } from '../../server/errors'
import { assertAccess, assertCanAssign, assertRole, canCreateOwned, inScope, scopeFor } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import type { AuditService } from '../audit/audit.service'
import type { UserService } from '../users/users.service'
import type { EncryptionService } from '../encryption/encryption.service'
import * as repo from './customers.repository'
import { createCustomerDuplicates } from './customers.duplicates'
import { MERGE_FIELDS, type Customer, type CustomerCreate, type CustomerDuplicateQuery, type CustomerListQuery, type CustomerMerge, type CustomerUpdate } from './customers.schema'

/**
 * A module whose rows hang off a customer (contacts, later deals, tickets…). It moves them to
 * the surviving customer of a merge and removes them with a purged one, inside that transaction.
 */
export interface CustomerDependent {
  name: string
  moveToCustomer(trx: Executor, ctx: RequestContext, sourceId: string, targetId: string): Promise<number>
  purgeForCustomer(trx: Executor, customerId: string): Promise<void>
  /** Live records per customer, shown beside duplicate candidates so same-named ones can be told apart. */
  countByCustomer?(db: Executor, customerIds: string[]): Promise<Map<string, number>>
}

export interface CustomerDeps {
  db: Db
  users: UserService
  audit: AuditService
  defaultRegion: string
  /** Seals the e-mail, phone and address when an admin chose them (Settings → Encryption), and opens them. */
  encryption: EncryptionService
  dependents?: CustomerDependent[]
}

export const toCustomer = ({ mergedInto: _m, ...r }: repo.CustomerRow): Customer => ({
  ...r,
  address: r.address ?? null,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  deletedAt: r.deletedAt ? iso(r.deletedAt) : null,
})

type CustomerFields = Omit<Customer, 'id' | 'createdAt' | 'updatedAt' | 'createdBy' | 'version' | 'deletedAt' | 'ownerName'>

const sortKeys = {
  name: { column: 'c.name', type: 'text' as const },
  createdAt: { column: 'c.created_at', type: 'timestamptz' as const },
  updatedAt: { column: 'c.updated_at', type: 'timestamptz' as const },
}
const deletedSortKeys = { deletedAt: { column: 'c.deleted_at', type: 'timestamptz' as const } }

const sortValue = (sort: string) => (r: repo.CustomerRow) => {
  const field = sort.replace(/^-/, '')
  const v = field === 'name' ? r.name : field === 'updatedAt' ? r.updatedAt : field === 'deletedAt' ? r.deletedAt! : r.createdAt
  return typeof v === 'string' ? v : v.toISOString()
}

export function createCustomerService(deps: CustomerDeps) {
  const { db, users, defaultRegion, encryption } = deps
  const open = <T extends { id: string }>(row: T, trx?: Executor) => encryption.openRow('customers', row.id, row, trx)
  const openAll = <T extends { id: string }>(rows: T[], trx?: Executor) => encryption.openRows('customers', rows, trx)
  /** Exact matches of a sealed e-mail or phone (blind indexes), when the term is one and the field is chosen. */
  const blindOf = (q: string | undefined) => (q ? encryption.searchIndexes('customers', q, defaultRegion) : Promise.resolve(null))

  const phone = (input: string | null | undefined) => phoneField(input, defaultRegion)
  const dups = createCustomerDuplicates({ db, defaultRegion, encryption, dependents: deps.dependents })

  // On PGlite's single connection, a query outside the open transaction would wait forever: pass trx.
  async function owner(ctx: RequestContext, ownerId: string | null, trx: Executor = db) {
    if (ownerId === null) {
      assertRole(ctx.actor, 'admin') // an unowned record is visible to admins (and readers of all) only
      return { ownerId: null, teamId: null }
    }
    const candidate = await users.ownerCandidate(ownerId, trx)
    assertCanAssign(ctx.actor, candidate)
    return { ownerId: candidate.id, teamId: candidate.teamId }
  }

  /** The record if the caller may see it (404 otherwise) — and change it, for `write` (403). */
  async function visible(ctx: RequestContext, id: string, access: 'read' | 'write', trx: Executor = db, opts: { deleted?: boolean } = {}) {
    const found = access === 'write' ? await repo.lockCustomer(trx, id) : await repo.findCustomerById(trx, id)
    if (!found || (!opts.deleted && found.deletedAt) || found.mergedInto) throw new AppError('CUSTOMER_NOT_FOUND')
    const row = await open(found, trx)
    assertAccess(ctx.actor, row, access, 'CUSTOMER_NOT_FOUND')
    if (opts.deleted && !row.deletedAt) throw new AppError('NOT_DELETED', 'This customer is not deleted')
    return row
  }

  const reload = async (trx: Executor, id: string) => toCustomer(await open((await repo.findCustomerById(trx, id))!, trx))

  /** The insert and audit row of a new customer, inside the caller's transaction. */
  async function insert(trx: Executor, ctx: RequestContext, input: CustomerCreate, ownership: { ownerId: string | null; teamId: string | null }) {
    const id = newId()
    const { address, ...rest } = input
    await repo.insertCustomer(trx, await encryption.sealRow('customers', id, {
      ...rest,
      ...ownership,
      id,
      email: rest.email ?? null,
      phone: phone(input.phone) ?? null,
      address: address ? JSON.stringify(address) : null,
      createdBy: ctx.actor.userId,
    }, trx))
    const created = await reload(trx, id)
    const { id: _i, createdAt: _c, updatedAt: _u, version: _v, createdBy: _b, ownerName: _o, deletedAt: _d, ...fields } = created
    await recordAudit(trx, ctx, [{ action: 'create', entity: 'customer', entityId: id, changes: await encryption.sealChanges('customers', id, changedFields({}, fields), trx) }])
    return created
  }

  return {
    /** Records follow their owner into a new team (users.service.ts). */
    teamFollower: { entity: 'customer', move: (trx: Executor, ownerId: string, teamId: string | null) => repo.moveOwnerTeam(trx, ownerId, teamId) },
    visible,

    /**
     * The customer a deal or activity is being attached to: one the caller sees (else 404, which
     * the caller turns into a 400 on the field, as if it did not exist) and may change (else a 403
     * naming `path`). Support reads every customer but may not hang work on those it only reads.
     */
    async assertAttachable(ctx: RequestContext, id: string, trx: Executor = db, path = 'customerId') {
      const row = await visible(ctx, id, 'read', trx)
      if (!inScope(scopeFor(ctx.actor, 'write'), row)) {
        throw new AppError('FORBIDDEN', 'You may view this customer but not attach records to it', { errors: [{ path, message: 'You may view this customer but not change it' }] })
      }
      return row
    },

    async list(ctx: RequestContext, query: CustomerListQuery) {
      const deleted = query.deleted ?? false
      const q = query.q ? normalizeSearchTerm(query.q) : undefined
      const filter = { ...query, q, deleted, scope: scopeFor(ctx.actor, deleted ? 'write' : 'read') }
      const blind = await blindOf(q)
      if (q && !query.sort && !query.cursor && !deleted) {
        const rows = await repo.searchCustomers(db, { ...filter, q, blind, limit: query.limit })
        return { items: (await openAll(rows)).map(toCustomer), nextCursor: null }
      }
      const sort = query.sort ?? (deleted ? '-deletedAt' : '-createdAt')
      const keyset = parseKeyset(deleted ? deletedSortKeys : sortKeys, sort, query.cursor)
      const rows = await repo.listCustomers(db, { ...filter, blind, keyset, limit: query.limit })
      const page = finishPage(rows, query.limit, keyset, sortValue(sort))
      return { items: (await openAll(page.rows)).map(toCustomer), nextCursor: page.nextCursor }
    },

    async search(ctx: RequestContext, q: string, limit: number) {
      const rows = await repo.searchCustomers(db, { scope: scopeFor(ctx.actor, 'read'), deleted: false, q, blind: await blindOf(q), limit })
      return (await openAll(rows)).map(toCustomer)
    },

    async get(ctx: RequestContext, id: string) {
      return toCustomer(await visible(ctx, id, 'read'))
    },

    /** Customers the caller may see with this e-mail, phone (E.164) or company name: duplicate warnings of other modules. */
    duplicates(ctx: RequestContext, match: { email?: string | null; phone?: string | null; company?: string | null }, limit = 20) {
      return dups.find(ctx, match, undefined, limit)
    },

    /** Before saving a create or edit form: customers that look like the same one. */
    checkDuplicates(ctx: RequestContext, query: CustomerDuplicateQuery) {
      return dups.check(ctx, query)
    },

    /** The merge dialog's candidates: this customer summarised, and those that look like it. */
    async mergeCandidates(ctx: RequestContext, id: string) {
      return dups.ofRecord(ctx, await visible(ctx, id, 'read'))
    },

    async create(ctx: RequestContext, input: CustomerCreate): Promise<Customer> {
      if (!canCreateOwned(ctx.actor)) throw new AppError('FORBIDDEN', 'Your role cannot create customers')
      const ownership = await owner(ctx, input.ownerId === undefined ? ctx.actor.userId : input.ownerId)
      return db.transaction().execute((trx) => insert(trx, ctx, input, ownership))
    },

    /**
     * Creates a customer inside another service's transaction (a lead conversion), with the
     * ownership that service decided and checked; audited like create().
     */
    createInTransaction(trx: Executor, ctx: RequestContext, input: CustomerCreate, ownership: { ownerId: string | null; teamId: string | null }): Promise<Customer> {
      return insert(trx, ctx, input, ownership)
    },

    async update(ctx: RequestContext, id: string, input: CustomerUpdate): Promise<Customer> {
      return db.transaction().execute(async (trx) => {
        const current = await visible(ctx, id, 'write', trx)
        if (current.version !== input.version) {
          throw new AppError('VERSION_CONFLICT', 'This customer was changed by someone else since you loaded it', { current: toCustomer(current) })
        }
        const { version: _v, ownerId, phone: phoneInput, ...rest } = input
        const patch: Partial<CustomerFields> = { ...rest, ...(phoneInput !== undefined ? { phone: phone(phoneInput) } : {}) }
        if (ownerId !== undefined && ownerId !== current.ownerId) Object.assign(patch, await owner(ctx, ownerId, trx))
        const changes = changedFields(toCustomer(current), patch)
        if (Object.keys(changes).length === 0) return toCustomer(current)
        const { address, ...columns } = patch
        await repo.updateCustomer(trx, id, await encryption.sealRow('customers', id, {
          ...columns,
          ...(address !== undefined ? { address: address === null ? null : JSON.stringify(address) } : {}),
        }, trx))
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'customer', entityId: id, changes: await encryption.sealChanges('customers', id, changes, trx) }])
        return reload(trx, id)
      })
    },

    async remove(ctx: RequestContext, id: string, purge: boolean): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (purge) {
          assertRole(ctx.actor, 'admin')
          const row = await repo.lockCustomer(trx, id)
          if (!row) throw new AppError('CUSTOMER_NOT_FOUND')
          for (const d of deps.dependents ?? []) await d.purgeForCustomer(trx, id)
          await repo.purgeCustomer(trx, id)
          await recordAudit(trx, ctx, [{ action: 'purge', entity: 'customer', entityId: id, changes: { name: row.name } }])
          return
        }
        await visible(ctx, id, 'write', trx)
        await repo.updateCustomer(trx, id, { deletedAt: new Date() })
        await recordAudit(trx, ctx, [{ action: 'delete', entity: 'customer', entityId: id }])
      })
    },

    async restore(ctx: RequestContext, id: string): Promise<Customer> {
      return db.transaction().execute(async (trx) => {
        const row = await visible(ctx, id, 'write', trx, { deleted: true })
        await repo.updateCustomer(trx, id, { deletedAt: null })
        await recordAudit(trx, ctx, [{ action: 'restore', entity: 'customer', entityId: row.id }])
        return reload(trx, id)
      })
    },

    /**
     * Merges a duplicate (source) into the customer that stays (target). Each field takes the side
     * `fields` chose; a field not chosen keeps the target's value, or the source's where the
     * target's is blank. Tags are united, dependent records move over, and the source is
     * soft-deleted pointing at the target. Both sides get an audit row; with `version` /
     * `sourceVersion`, a side changed since the choices were made is a 409.
     */
    async merge(ctx: RequestContext, targetId: string, input: CustomerMerge): Promise<Customer> {
      const { sourceId, fields: choices = {} } = input
      if (targetId === sourceId) throw fieldError('sourceId', 'A customer cannot be merged into itself')
      return db.transaction().execute(async (trx) => {
        // Lock in id order so two opposite merges cannot deadlock.
        const [first, second] = [targetId, sourceId].sort()
        const locked = new Map<string, repo.CustomerRow>()
        for (const id of [first!, second!]) locked.set(id, await visible(ctx, id, 'write', trx))
        const target = locked.get(targetId)!
        const source = locked.get(sourceId)!
        if (input.version !== undefined && target.version !== input.version) {
          throw new AppError('VERSION_CONFLICT', 'This customer was changed by someone else since you compared it', { current: toCustomer(target) })
        }
        if (input.sourceVersion !== undefined && source.version !== input.sourceVersion) {
          throw new AppError('VERSION_CONFLICT', 'The duplicate was changed by someone else since you compared it', { current: toCustomer(source) })
        }
        const fill: Partial<CustomerFields> = {}
        for (const key of MERGE_FIELDS) {
          const choice = choices[key]
          const takeSource = choice === 'source' || (choice === undefined && key !== 'ownerId' && (target[key] === null || target[key] === undefined) && source[key] !== null)
          if (!takeSource || JSON.stringify(source[key]) === JSON.stringify(target[key])) continue
          if (key === 'ownerId') Object.assign(fill, await owner(ctx, source.ownerId, trx))
          else (fill as Record<string, unknown>)[key] = source[key]
        }
        const tags = [...new Set([...target.tags, ...source.tags])]
        if (tags.length !== target.tags.length) fill.tags = tags
        const changes = changedFields(toCustomer(target), fill)
        const { address, ...columns } = fill
        // The source's values were opened (visible): sealed again for the target's row, whose id the ciphertext is bound to.
        await repo.updateCustomer(trx, targetId, await encryption.sealRow('customers', targetId, {
          ...columns,
          ...(address !== undefined ? { address: address === null ? null : JSON.stringify(address) } : {}),
        }, trx))
        const moved: Record<string, number> = {}
        for (const d of deps.dependents ?? []) moved[d.name] = await d.moveToCustomer(trx, ctx, sourceId, targetId)
        await repo.updateCustomer(trx, sourceId, { deletedAt: new Date(), mergedInto: targetId })
        await recordAudit(trx, ctx, [
          { action: 'merge', entity: 'customer', entityId: targetId, changes: { mergedFrom: { id: sourceId, name: source.name }, moved, fields: await encryption.sealChanges('customers', targetId, changes, trx) } },
          { action: 'merge', entity: 'customer', entityId: sourceId, changes: { mergedInto: { id: targetId, name: target.name }, moved } },
        ])
        return reload(trx, targetId)
      })
    },

    async history(ctx: RequestContext, id: string, limit: number, cursor?: string) {
      const row = await repo.findCustomerById(db, id)
      if (!row) throw new AppError('CUSTOMER_NOT_FOUND')
      assertAccess(ctx.actor, row, 'read', 'CUSTOMER_NOT_FOUND')
      const page = await deps.audit.forEntity('customer', id, limit, cursor)
      const items = await Promise.all(page.items.map(async (a) => ({ ...a, changes: a.changes ? await encryption.openChanges('customers', id, a.changes as FieldChanges) : a.changes })))
      return { ...page, items }
    },
  }
}

export type CustomerService = ReturnType<typeof createCustomerService>
