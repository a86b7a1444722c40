import type { EncryptionService } from '../encryption/encryption.service'
import type { Db, Executor } from '../../db/database'
import { finishPage, parseKeyset } from '../../db/keyset'
import { changedFields, type FieldChanges } from '../../lib/diff'
import { newId } from '../../lib/ids'
import { normalizeSearchTerm } from '../../lib/text'
import { AppError, fieldError } from '../../server/errors'
import { assertAccess, canCreateOwned, scopeFor } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import { companyZone, type CompanyService } from '../company/company.service'
import type { ContactService } from '../contacts/contacts.service'
import type { CustomerDependent, CustomerService } from '../customers/customers.service'
import type { OpportunityService } from '../opportunities/opportunities.service'
import type { ProductService } from '../products/products.service'
import { snapshotLines } from './quotes.lines'
import { renderQuotePdf } from './quotes.pdf'
import { priceDocument } from './quotes.money'
import { addDays, customerLanguage, documentLines, formatNumber, sortKeys, sortValue, toQuote, today, type LineSnapshot } from './quotes.model'
import * as repo from './quotes.repository'
import type { Quote, QuoteGenerate, QuoteListQuery, QuoteReject, QuoteUpdate } from './quotes.schema'

export interface QuoteDeps {
  db: Db
  opportunities: OpportunityService
  customers: CustomerService
  contacts: ContactService
  products: ProductService
  company: CompanyService
  /** Opens the customer's and contact's e-mail a quote shows when they are encrypted. */
  encryption?: EncryptionService
}

const auditLines = (lines: LineSnapshot[]) => lines.map(({ productId, sku, description, quantity, unitPrice, discountPercent, taxRate }) => ({ productId, sku, description, quantity, unitPrice, discountPercent, taxRate }))

export function createQuoteService(deps: QuoteDeps) {
  const { db, opportunities, customers, contacts, products, company } = deps

  /** A quote row with its customer's and contact's e-mail opened (field encryption). */
  async function open<R extends repo.QuoteRow | undefined>(r: R, trx?: Executor): Promise<R> {
    const enc = deps.encryption
    if (!r || !enc) return r
    return {
      ...r,
      customerEmail: (await enc.convert('customers.email', r.customerId, r.customerEmail, 'open', trx)) as string | null,
      contactEmail: r.contactId ? ((await enc.convert('contacts.email', r.contactId, r.contactEmail, 'open', trx)) as string | null) : r.contactEmail,
    }
  }

  /** The quote if the caller may see it (404), and change it for `write` (403; the row is locked). */
  async function visible(ctx: RequestContext, id: string, access: 'read' | 'write', trx: Executor = db) {
    const row = await open(access === 'write' ? await repo.lockQuote(trx, id) : await repo.findQuoteById(trx, id), trx)
    if (!row || row.deletedAt) throw new AppError('QUOTE_NOT_FOUND')
    assertAccess(ctx.actor, row, access, 'QUOTE_NOT_FOUND')
    return row
  }

  /** Today on the company's calendar: when a quote expires, the earliest validUntil, the default one. */
  const todayHere = async (trx: Executor) => today(await companyZone(trx))
  const load = async (trx: Executor, id: string) => toQuote((await open(await repo.findQuoteById(trx, id), trx))!, await repo.linesOf(trx, [id]), await todayHere(trx))

  /** Only the latest revision acts; an older one is kept to be read. */
  function assertActionable(row: repo.QuoteRow, current: Quote, allowed: Quote['status'][], verb: string) {
    if (!row.isLatest) throw new AppError('QUOTE_STATUS_CONFLICT', `This is an older revision of ${row.number}: ${verb} the latest one`, { current })
    if (!allowed.includes(current.status)) throw new AppError('QUOTE_STATUS_CONFLICT', `A quote that is ${current.status} cannot be ${verb === 'edit' ? 'edited' : `${verb}ed`}`, { current })
  }

  async function assertContact(ctx: RequestContext, trx: Executor, contactId: string, customerId: string) {
    try {
      const c = await contacts.visible(ctx, contactId, 'read', trx)
      if (c.customerId !== customerId) throw fieldError('contactId', 'The contact belongs to another customer')
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONTACT_NOT_FOUND') throw fieldError('contactId', 'No such contact')
      throw err
    }
  }

  const dependent: CustomerDependent = {
    name: 'quotes',
    async moveToCustomer(trx, ctx, sourceId, targetId) {
      const moved = await repo.moveToCustomer(trx, sourceId, targetId)
      await recordAudit(trx, ctx, moved.map((r) => ({ action: 'update', entity: 'quote', entityId: r.id, changes: { customerId: { before: sourceId, after: targetId } } })))
      return moved.length
    },
    purgeForCustomer: async (trx, customerId) => {
      await repo.purgeQuotes(trx, await repo.idsOfCustomer(trx, customerId))
    },
  }

  return {
    /** Records follow their owner into a new team (users.service.ts). */
    teamFollower: { entity: 'quote', move: (trx: Executor, ownerId: string, teamId: string | null) => repo.moveOwnerTeam(trx, ownerId, teamId) },
    visible,
    load,
    assertActionable,
    dependent,

    async list(ctx: RequestContext, query: QuoteListQuery) {
      const sort = query.sort ?? (query.number ? '-revision' : '-createdAt')
      const keyset = parseKeyset(sortKeys, sort, query.cursor)
      const status = !query.status
        ? undefined
        : query.status === 'expired'
          ? { stored: ['draft', 'sent'] as const, expired: true }
          : query.status === 'draft' || query.status === 'sent'
            ? { stored: [query.status], expired: false }
            : { stored: [query.status] }
      const rows = await repo.listQuotes(db, {
        scope: scopeFor(ctx.actor, 'read'),
        status: status && { stored: [...status.stored], expired: status.expired, today: await todayHere(db) },
        number: query.number,
        latestOnly: query.latest ?? !query.number,
        opportunityId: query.opportunityId,
        customerId: query.customerId,
        ownerId: query.ownerId,
        q: query.q ? normalizeSearchTerm(query.q) : undefined,
        keyset,
        limit: query.limit,
      })
      const page = finishPage(rows, query.limit, keyset, sortValue(sort))
      const lines = await repo.linesOf(db, page.rows.map((r) => r.id))
      const day = await todayHere(db)
      const opened = await Promise.all(page.rows.map((r) => open(r)))
      return { items: opened.map((r) => toQuote(r, lines.filter((l) => l.quoteId === r.id), day)), nextCursor: page.nextCursor }
    },

    async get(ctx: RequestContext, id: string) {
      const row = await visible(ctx, id, 'read')
      return toQuote(row, await repo.linesOf(db, [id]), await todayHere(db))
    },

    /**
     * A new draft from a deal in one step: its lines (with the products' SKU and tax rate), customer,
     * contact, owner and currency. A lost deal gets none (409).
     */
    async generate(ctx: RequestContext, opportunityId: string, input: QuoteGenerate): Promise<Quote> {
      if (!canCreateOwned(ctx.actor)) throw new AppError('FORBIDDEN', 'Your role cannot make quotes')
      return db.transaction().execute(async (trx) => {
        const { opportunity: o, stageKind } = await opportunities.withLines(trx, ctx, opportunityId, 'write')
        if (stageKind === 'lost') throw new AppError('OPPORTUNITY_CLOSED', 'This deal is lost: reopen it before quoting')
        const customer = await customers.visible(ctx, o.customerId, 'read', trx)
        const profile = await company.get(ctx, trx)
        const found = new Map((await products.byIds(trx, o.lines.flatMap((l) => (l.productId ? [l.productId] : [])))).map((p) => [p.id, p]))
        const lines: LineSnapshot[] = o.lines.length
          ? o.lines.map((l) => {
              const p = l.productId ? found.get(l.productId) : undefined
              return { productId: l.productId, sku: p?.sku ?? null, description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent, taxRate: p ? p.taxRate : '0' }
            })
          : Number(o.amount) > 0
            ? [{ productId: null, sku: null, description: o.name, quantity: '1', unitPrice: o.amount, discountPercent: '0', taxRate: '0' }]
            : []
        const priced = priceDocument(lines, o.currency)
        const year = new Date().getUTCFullYear()
        const id = newId()
        const fields = {
          number: formatNumber('Q', year, await repo.nextNumber(trx, 'quote', year)),
          revision: 1,
          opportunityId: o.id,
          customerId: o.customerId,
          contactId: o.contactId,
          ownerId: o.ownerId,
          teamId: o.teamId,
          status: 'draft' as const,
          currency: o.currency,
          language: input.language ?? customerLanguage(customer),
          validUntil: input.validUntil ?? addDays(today(profile.timeZone), profile.quoteValidityDays),
          notes: input.notes ?? null,
          subtotal: priced.subtotal,
          discountTotal: priced.discountTotal,
          taxTotal: priced.taxTotal,
          total: priced.total,
        }
        await repo.insertQuote(trx, { id, ...fields, isLatest: true, sentAt: null, sentTo: null, acceptedAt: null, rejectedAt: null, rejectReason: null, createdBy: ctx.actor.userId, deletedAt: null })
        await repo.replaceLines(trx, id, documentLines(lines, priced).map((l) => ({ ...l, quoteId: id })))
        await recordAudit(trx, ctx, [{ action: 'create', entity: 'quote', entityId: id, changes: changedFields({}, { ...fields, lines: auditLines(lines) }) }])
        return load(trx, id)
      })
    },

    /**
     * A draft changes in place. A sent quote (expired or not) is not rewritten behind the
     * customer's back: the change becomes revision n+1, a new draft with the same number, and the
     * old revision stays readable.
     */
    async update(ctx: RequestContext, id: string, input: QuoteUpdate): Promise<Quote> {
      return db.transaction().execute(async (trx) => {
        const row = await visible(ctx, id, 'write', trx)
        const currentLines = await repo.linesOf(trx, [id])
        const current = toQuote(row, currentLines, await todayHere(trx))
        if (row.version !== input.version) throw new AppError('VERSION_CONFLICT', 'This quote was changed by someone else since you loaded it', { current })
        if (!row.isLatest || row.status === 'accepted' || row.status === 'rejected') assertActionable(row, current, ['draft', 'sent'], 'edit')
        if (input.contactId) await assertContact(ctx, trx, input.contactId, row.customerId)
        const lines = input.lines ? await snapshotLines(trx, products, input.lines, row.currency, currentLines) : null
        const { version: _v, lines: _l, ...rest } = input
        const changes: FieldChanges = changedFields({ validUntil: row.validUntil, language: row.language, notes: row.notes, contactId: row.contactId }, rest)
        const before = auditLines(currentLines)
        if (lines && JSON.stringify(auditLines(lines)) !== JSON.stringify(before)) changes.lines = { before, after: auditLines(lines) }
        if (!Object.keys(changes).length) return current
        if (changes.validUntil && input.validUntil! < (await todayHere(trx))) throw fieldError('validUntil', 'Must be today or later')

        const finalLines: LineSnapshot[] = lines ?? currentLines
        const priced = priceDocument(finalLines, row.currency)
        const money = { subtotal: priced.subtotal, discountTotal: priced.discountTotal, taxTotal: priced.taxTotal, total: priced.total }
        const patch = Object.fromEntries(Object.keys(changes).filter((k) => k !== 'lines').map((k) => [k, rest[k as keyof typeof rest]]))

        if (row.status === 'draft') {
          await repo.updateQuote(trx, id, { ...patch, ...money })
          if (changes.lines) await repo.replaceLines(trx, id, documentLines(finalLines, priced).map((l) => ({ ...l, quoteId: id })))
          await recordAudit(trx, ctx, [{ action: 'update', entity: 'quote', entityId: id, changes }])
          return load(trx, id)
        }

        const nextId = newId()
        await repo.retire(trx, id) // first: one latest revision per number (a unique index)
        await repo.insertQuote(trx, {
          id: nextId, number: row.number, revision: row.revision + 1, isLatest: true, opportunityId: row.opportunityId, customerId: row.customerId,
          contactId: row.contactId, ownerId: row.ownerId, teamId: row.teamId, status: 'draft', currency: row.currency, language: row.language,
          validUntil: row.validUntil, notes: row.notes, ...patch, ...money, sentAt: null, sentTo: null, acceptedAt: null, rejectedAt: null,
          rejectReason: null, createdBy: ctx.actor.userId, deletedAt: null,
        })
        await repo.replaceLines(trx, nextId, documentLines(finalLines, priced).map((l) => ({ ...l, quoteId: nextId })))
        await recordAudit(trx, ctx, [
          { action: 'update', entity: 'quote', entityId: id, changes: { isLatest: { before: true, after: false }, supersededBy: nextId } },
          { action: 'create', entity: 'quote', entityId: nextId, changes: { ...changes, revision: { before: row.revision, after: row.revision + 1 }, revisionOf: id } },
        ])
        return load(trx, nextId)
      })
    },

    async reject(ctx: RequestContext, id: string, input: QuoteReject): Promise<Quote> {
      return db.transaction().execute(async (trx) => {
        const row = await visible(ctx, id, 'write', trx)
        const current = toQuote(row, await repo.linesOf(trx, [id]), await todayHere(trx))
        assertActionable(row, current, ['draft', 'sent', 'expired'], 'reject')
        await repo.updateQuote(trx, id, { status: 'rejected', rejectedAt: new Date(), rejectReason: input.reason ?? null })
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'quote', entityId: id, changes: { status: { before: current.status, after: 'rejected' }, ...(input.reason ? { rejectReason: { before: null, after: input.reason } } : {}) } }])
        return load(trx, id)
      })
    },

    /** The printable quote in its language, as a stream (the route pipes it to the client); each download is audited. */
    async pdf(ctx: RequestContext, id: string) {
      const row = await visible(ctx, id, 'read')
      const quote = toQuote(row, await repo.linesOf(db, [id]), await todayHere(db))
      await recordAudit(db, ctx, [{ action: 'download', entity: 'quote', entityId: id, changes: { format: 'pdf', number: row.number, revision: row.revision, customerId: row.customerId } }])
      const customer = await customers.visible(ctx, row.customerId, 'read').catch(() => ({ name: quote.customerName, address: null, email: quote.customerEmail }))
      return { quote, doc: renderQuotePdf({ quote, company: await company.get(ctx), customer }) }
    },
  }
}

export type QuoteService = ReturnType<typeof createQuoteService>
