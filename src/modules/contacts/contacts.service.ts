import type { Db, Executor } from '../../db/database'
import { finishPage, parseKeyset } from '../../db/keyset'
import { changedFields } from '../../lib/diff'
import { newId } from '../../lib/ids'
import { isEmptyProbe, matchedOn, normalizeProbe, type DuplicateProbe } from '../../lib/duplicates'
import { phoneField, toE164 } from '../../lib/phone'
import { iso } from '../../lib/schema'
import { normalizeSearchTerm } from '../../lib/text'
import { AppError, fieldError } from '../../server/errors'
import { assertAccess, assertRole, scopeFor } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import type { CustomerDependent, CustomerService } from '../customers/customers.service'
import type { EncryptionService } from '../encryption/encryption.service'
import * as repo from './contacts.repository'
import type { Contact, ContactCreate, ContactDuplicateQuery, ContactListQuery, ContactUpdate } from './contacts.schema'

const toContact = (r: repo.ContactRow): Contact => ({
  id: r.id,
  customerId: r.customerId,
  customerName: r.customerName,
  name: r.name,
  title: r.title,
  email: r.email,
  phone: r.phone,
  isPrimary: r.isPrimary,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  createdBy: r.createdBy,
  version: r.version,
  deletedAt: r.deletedAt ? iso(r.deletedAt) : null,
})

const sortKeys = {
  name: { column: 'p.name', type: 'text' as const },
  createdAt: { column: 'p.created_at', type: 'timestamptz' as const },
}
const deletedSortKeys = { deletedAt: { column: 'p.deleted_at', type: 'timestamptz' as const } }

/** Contacts belong to a customer: whoever may see or change the customer may see or change its contacts. */
export function createContactService({ db, customers, defaultRegion, encryption }: { db: Db; customers: CustomerService; defaultRegion: string; encryption: EncryptionService }) {
  const phone = (input: string | null | undefined) => phoneField(input, defaultRegion)
  const open = <T extends { id: string }>(row: T, trx?: Executor) => encryption.openRow('contacts', row.id, row, trx)
  const openAll = <T extends { id: string }>(rows: T[], trx?: Executor) => encryption.openRows('contacts', rows, trx)
  /** Duplicate look-ups: an encrypted e-mail or phone is matched by its blind index, and opened for the warning. */
  const candidates = async (ctx: RequestContext, probe: DuplicateProbe, more: { customerId?: string | null; exceptId?: string; limit: number }) =>
    openAll(await repo.findDuplicateCandidates(db, { ...probe, ...(await encryption.matchIndexes('contacts', probe)), ...more, scope: scopeFor(ctx.actor, 'read') }))

  async function visible(ctx: RequestContext, id: string, access: 'read' | 'write', trx: Executor = db, deleted = false) {
    const found = access === 'write' ? await repo.lockContact(trx, id) : await repo.findContactById(trx, id)
    if (!found || found.customerDeletedAt || (deleted ? !found.deletedAt : !!found.deletedAt)) throw new AppError('CONTACT_NOT_FOUND')
    const row = await open(found, trx)
    assertAccess(ctx.actor, row, access, 'CONTACT_NOT_FOUND')
    return row
  }

  /** The parent customer must be visible and changeable; a missing one is a field error, not a 404 of the contact. */
  async function parent(ctx: RequestContext, trx: Executor, customerId: string) {
    try {
      return await customers.visible(ctx, customerId, 'write', trx)
    } catch (err) {
      if (err instanceof AppError && err.code === 'CUSTOMER_NOT_FOUND') throw fieldError('customerId', 'No such customer')
      throw err
    }
  }

  const reload = async (trx: Executor, id: string) => toContact(await open((await repo.findContactById(trx, id))!, trx))

  /** The insert and audit row of a new contact, inside the caller's transaction. */
  async function insert(trx: Executor, ctx: RequestContext, input: ContactCreate): Promise<Contact> {
    await parent(ctx, trx, input.customerId)
    const id = newId()
    if (input.isPrimary) await repo.clearPrimary(trx, input.customerId, id)
    await repo.insertContact(trx, await encryption.sealRow('contacts', id, { ...input, id, email: input.email ?? null, phone: phone(input.phone) ?? null, createdBy: ctx.actor.userId }, trx))
    const created = await reload(trx, id)
    const { customerId, name, title, email, phone: p, isPrimary } = created
    await recordAudit(trx, ctx, [
      { action: 'create', entity: 'contact', entityId: id, changes: await encryption.sealChanges('contacts', id, changedFields({}, { customerId, name, title, email, phone: p, isPrimary }), trx) },
    ])
    return created
  }

  const dependent: CustomerDependent = {
    name: 'contacts',
    moveToCustomer: (trx, _ctx, sourceId, targetId) => repo.moveContacts(trx, sourceId, targetId),
    countByCustomer: (exec, ids) => repo.countByCustomer(exec, ids),
    purgeForCustomer: async (trx, customerId) => {
      await repo.purgeContactsOfCustomer(trx, customerId)
    },
  }

  return {
    dependent,
    visible,

    async list(ctx: RequestContext, query: ContactListQuery) {
      const deleted = query.deleted ?? false
      const sort = query.sort ?? (deleted ? '-deletedAt' : 'name')
      const keyset = parseKeyset(deleted ? deletedSortKeys : sortKeys, sort, query.cursor)
      const q = query.q ? normalizeSearchTerm(query.q) : undefined
      const rows = await repo.listContacts(db, {
        scope: scopeFor(ctx.actor, deleted ? 'write' : 'read'),
        deleted,
        customerId: query.customerId,
        q,
        blind: q ? await encryption.searchIndexes('contacts', q, defaultRegion) : null,
        keyset,
        limit: query.limit,
      })
      const field = sort.replace(/^-/, '')
      const page = finishPage(rows, query.limit, keyset, (r) =>
        field === 'name' ? r.name : (field === 'deletedAt' ? r.deletedAt! : r.createdAt).toISOString(),
      )
      return { items: (await openAll(page.rows)).map(toContact), nextCursor: page.nextCursor }
    },

    async search(ctx: RequestContext, q: string, limit: number) {
      const blind = await encryption.searchIndexes('contacts', q, defaultRegion)
      return (await openAll(await repo.searchContacts(db, { scope: scopeFor(ctx.actor, 'read'), q, blind, limit }))).map(toContact)
    },

    async get(ctx: RequestContext, id: string) {
      return toContact(await visible(ctx, id, 'read'))
    },

    async create(ctx: RequestContext, input: ContactCreate): Promise<Contact> {
      return db.transaction().execute((trx) => insert(trx, ctx, input))
    },

    /**
     * Creates a contact inside another service's transaction (a lead conversion); the customer
     * must be changeable by the caller. `primaryIfNone` makes it primary when the customer has none.
     */
    async createInTransaction(trx: Executor, ctx: RequestContext, input: ContactCreate, opts: { primaryIfNone?: boolean } = {}): Promise<Contact> {
      const isPrimary = input.isPrimary ?? (opts.primaryIfNone ? !(await repo.hasPrimary(trx, input.customerId)) : undefined)
      return insert(trx, ctx, { ...input, isPrimary })
    },

    /** Contacts the caller may see with this e-mail or phone (E.164): duplicate warnings of other modules. */
    async duplicates(ctx: RequestContext, match: { email?: string | null; phone?: string | null }, limit = 20) {
      const probe = normalizeProbe(match)
      return isEmptyProbe(probe) ? [] : candidates(ctx, probe, { limit })
    },

    /** Before saving a contact form: contacts with its e-mail or phone, or its name at the same customer. */
    async checkDuplicates(ctx: RequestContext, q: ContactDuplicateQuery) {
      // The form is still being typed: a phone that does not parse yet matches nothing, it is no error.
      const probe = normalizeProbe({ name: q.name, email: q.email, phone: q.phone ? toE164(q.phone, defaultRegion) : null })
      if (isEmptyProbe(probe)) return { items: [] }
      const rows = await candidates(ctx, probe, { customerId: q.customerId, exceptId: q.excludeId, limit: 20 })
      return {
        items: rows.map((r) => ({
          id: r.id, name: r.name, title: r.title, email: r.email, phone: r.phone, customerId: r.customerId, customerName: r.customerName,
          createdAt: iso(r.createdAt),
          // A same name elsewhere was not looked up: it only counts at the same customer.
          matchedOn: matchedOn({ ...probe, name: r.customerId === q.customerId ? probe.name : null }, r),
        })),
      }
    },

    async update(ctx: RequestContext, id: string, input: ContactUpdate): Promise<Contact> {
      return db.transaction().execute(async (trx) => {
        const current = await visible(ctx, id, 'write', trx)
        if (current.version !== input.version) {
          throw new AppError('VERSION_CONFLICT', 'This contact was changed by someone else since you loaded it', { current: toContact(current) })
        }
        if (input.customerId && input.customerId !== current.customerId) await parent(ctx, trx, input.customerId)
        const { version: _v, phone: phoneInput, ...rest } = input
        const patch = { ...rest, ...(phoneInput !== undefined ? { phone: phone(phoneInput) } : {}) }
        // Moved to another customer, a primary contact stays primary only when asked (that customer has its own).
        const moves = patch.customerId !== undefined && patch.customerId !== current.customerId
        if (moves && patch.isPrimary === undefined && current.isPrimary) patch.isPrimary = false
        const changes = changedFields(toContact(current), patch)
        if (Object.keys(changes).length === 0) return toContact(current)
        if (patch.isPrimary) await repo.clearPrimary(trx, patch.customerId ?? current.customerId, id)
        await repo.updateContact(trx, id, await encryption.sealRow('contacts', id, patch, trx))
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'contact', entityId: id, changes: await encryption.sealChanges('contacts', id, changes, trx) }])
        return reload(trx, id)
      })
    },

    async remove(ctx: RequestContext, id: string, purge: boolean): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (purge) {
          assertRole(ctx.actor, 'admin')
          const row = await repo.lockContact(trx, id)
          if (!row) throw new AppError('CONTACT_NOT_FOUND')
          await repo.purgeContact(trx, id)
          await recordAudit(trx, ctx, [{ action: 'purge', entity: 'contact', entityId: id, changes: { name: row.name } }])
          return
        }
        await visible(ctx, id, 'write', trx)
        await repo.updateContact(trx, id, { deletedAt: new Date(), isPrimary: false })
        await recordAudit(trx, ctx, [{ action: 'delete', entity: 'contact', entityId: id }])
      })
    },

    async restore(ctx: RequestContext, id: string): Promise<Contact> {
      return db.transaction().execute(async (trx) => {
        await visible(ctx, id, 'write', trx, true)
        await repo.updateContact(trx, id, { deletedAt: null })
        await recordAudit(trx, ctx, [{ action: 'restore', entity: 'contact', entityId: id }])
        return reload(trx, id)
      })
    },
  }
}

export type ContactService = ReturnType<typeof createContactService>
