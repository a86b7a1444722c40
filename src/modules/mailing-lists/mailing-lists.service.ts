import type { EncryptionService } from '../encryption/encryption.service'
import type { Db, Executor } from '../../db/database'
import { distinctValues } from '../../db/distinct-values'
import { finishPage, parseKeyset } from '../../db/keyset'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { changedFields } from '../../lib/diff'
import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import { normalizeSearchTerm } from '../../lib/text'
import { AppError, fieldError } from '../../server/errors'
import type { Actor, RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import { validateSegmentFilter, valueSource, type SegmentFilter } from './mailing-lists.filter'
import * as repo from './mailing-lists.repository'
import type { MailingList, MailingListCreate, MailingListListQuery, MailingListUpdate, Member, MembersAdd, SegmentValuesQuery } from './mailing-lists.schema'
import type { MemberKind } from './mailing-lists.table'

/**
 * Marketing and admins build lists and see their members ('rows'); managers see lists and their
 * counts only, since a list's members are customers and addresses outside the manager's team;
 * sales and support do not see them.
 */
export function assertListAccess(actor: Actor, access: 'read' | 'rows' | 'write') {
  const ok = access === 'read' ? ['admin', 'marketing', 'manager'] : ['admin', 'marketing']
  if (!ok.includes(actor.role)) {
    throw new AppError('FORBIDDEN', access === 'write' ? 'Only marketing and admins manage mailing lists' : access === 'rows' ? "Only marketing and admins see a list's members" : 'Your role cannot see mailing lists')
  }
}

export const toMailingList = (r: repo.ListRow): MailingList => ({
  ...r,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  deletedAt: r.deletedAt ? iso(r.deletedAt) : null,
})

export const toMember = (r: repo.MemberRow): Member => ({ id: r.entityId, kind: r.kind, email: r.email, name: r.name, company: r.company })

const sortKeys = {
  name: { column: 'm.name', type: 'text' as const },
  createdAt: { column: 'm.created_at', type: 'timestamptz' as const },
  updatedAt: { column: 'm.updated_at', type: 'timestamptz' as const },
}
const sortValue = (sort: string) => (r: repo.ListRow) => {
  const field = sort.replace(/^-/, '')
  return field === 'name' ? r.name : (field === 'updatedAt' ? r.updatedAt : r.createdAt).toISOString()
}

export function createMailingListService({ db, encryption }: { db: Db; encryption?: EncryptionService }) {
  /** A member's e-mail opened when it is sealed (a customer's or contact's, field encryption). */
  const open = async <T extends repo.MemberRow | undefined>(r: T, trx?: Executor): Promise<T> => {
    if (!r || !encryption || !r.email || r.kind === 'lead') return r
    return { ...r, email: (await encryption.convert(r.kind === 'customer' ? 'customers.email' : 'contacts.email', r.entityId, r.email, 'open', trx)) as string }
  }
  const openAll = (rows: repo.MemberRow[], trx?: Executor) => Promise.all(rows.map((r) => open(r, trx)))
  async function visible(ctx: RequestContext, id: string, access: 'read' | 'rows' | 'write', trx: Executor = db) {
    assertListAccess(ctx.actor, access)
    const row = access === 'write' ? await repo.lockList(trx, id) : await repo.findListById(trx, id)
    if (!row || row.deletedAt) throw new AppError('MAILING_LIST_NOT_FOUND')
    return row
  }

  const checkFilter = (kind: 'static' | 'dynamic', filter: SegmentFilter | undefined) => {
    if (kind === 'dynamic' && !filter) throw fieldError('filter', 'A dynamic list needs a filter')
    if (kind === 'static' && filter) throw fieldError('filter', 'A static list has members, not a filter')
    if (filter) validateSegmentFilter(filter)
  }

  return {
    visible,

    /** For campaigns: the list a campaign mails, as its audience source (any role that may send). */
    async source(id: string, trx: Executor = db): Promise<repo.AudienceSource | null> {
      const row = await repo.findListById(trx, id)
      return row && !row.deletedAt ? { id: row.id, kind: row.kind, filter: row.filter } : null
    },
    findMember: async (src: repo.AudienceSource, entityId: string) => open(await repo.findAudienceMember(db, src, entityId)),
    firstMember: async (src: repo.AudienceSource) => open(await repo.firstAudienceMemberWithEmail(db, src)),
    /** The members with a sealed e-mail, opened (a campaign materialises them apart from the SQL path). */
    sealedMembers: async (src: repo.AudienceSource, trx: Executor = db) => openAll(await repo.sealedAudience(trx, src), trx),

    async list(ctx: RequestContext, query: MailingListListQuery) {
      assertListAccess(ctx.actor, 'read')
      const deleted = query.deleted ?? false
      const sort = query.sort ?? '-createdAt'
      const keyset = parseKeyset(sortKeys, sort, query.cursor)
      const q = query.q ? normalizeSearchTerm(query.q) : undefined
      const rows = await repo.listLists(db, { deleted, kind: query.kind, q, keyset, limit: query.limit })
      const page = finishPage(rows, query.limit, keyset, sortValue(sort))
      return { items: page.rows.map(toMailingList), nextCursor: page.nextCursor }
    },

    async get(ctx: RequestContext, id: string) {
      return toMailingList(await visible(ctx, id, 'read'))
    },

    async create(ctx: RequestContext, input: MailingListCreate): Promise<MailingList> {
      assertListAccess(ctx.actor, 'write')
      checkFilter(input.kind, input.filter)
      const id = newId()
      return db.transaction().execute(async (trx) => {
        const row = { id, name: input.name, kind: input.kind, filter: input.filter ? JSON.stringify(input.filter) : null, description: input.description ?? null, createdBy: ctx.actor.userId }
        await repo.insertList(trx, row)
        await recordAudit(trx, ctx, [{ action: 'create', entity: 'mailing_list', entityId: id, changes: changedFields({}, { name: input.name, kind: input.kind, filter: input.filter ?? null, description: row.description }) }])
        return toMailingList((await repo.findListById(trx, id))!)
      })
    },

    async update(ctx: RequestContext, id: string, input: MailingListUpdate): Promise<MailingList> {
      return db.transaction().execute(async (trx) => {
        const current = await visible(ctx, id, 'write', trx)
        if (current.version !== input.version) {
          throw new AppError('VERSION_CONFLICT', 'This list was changed by someone else since you loaded it', { current: toMailingList(current) })
        }
        const { version: _v, ...patch } = input
        if (patch.filter) checkFilter(current.kind, patch.filter)
        const changes = changedFields(toMailingList(current), patch as Partial<MailingList>)
        if (Object.keys(changes).length === 0) return toMailingList(current)
        await repo.updateList(trx, id, { ...patch, filter: patch.filter ? JSON.stringify(patch.filter) : undefined })
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'mailing_list', entityId: id, changes }])
        return toMailingList((await repo.findListById(trx, id))!)
      })
    },

    async remove(ctx: RequestContext, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await visible(ctx, id, 'write', trx)
        await repo.updateList(trx, id, { deletedAt: new Date() })
        await recordAudit(trx, ctx, [{ action: 'delete', entity: 'mailing_list', entityId: id }])
      })
    },

    async restore(ctx: RequestContext, id: string): Promise<MailingList> {
      return db.transaction().execute(async (trx) => {
        assertListAccess(ctx.actor, 'write')
        const row = await repo.lockList(trx, id)
        if (!row) throw new AppError('MAILING_LIST_NOT_FOUND')
        if (!row.deletedAt) throw new AppError('NOT_DELETED', 'This list is not deleted')
        await repo.updateList(trx, id, { deletedAt: null })
        await recordAudit(trx, ctx, [{ action: 'restore', entity: 'mailing_list', entityId: id }])
        return toMailingList((await repo.findListById(trx, id))!)
      })
    },

    async count(ctx: RequestContext, id: string) {
      const row = await visible(ctx, id, 'read')
      return repo.countAudience(db, row)
    },

    async members(ctx: RequestContext, id: string, limit: number, cursor?: string) {
      const row = await visible(ctx, id, 'rows')
      let after: string | null = null
      if (cursor) {
        const c = decodeCursor(cursor, 'members')
        if (!c) throw fieldError('cursor', 'Invalid cursor')
        after = c.id
      }
      const rows = await repo.pageAudience(db, row, after, limit + 1)
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return { items: (await openAll(page)).map(toMember), nextCursor: rows.length > limit && last ? encodeCursor({ s: 'members', v: null, id: last.entityId }) : null }
    },

    /** A segment before it is saved: the live count and the first members. */
    async preview(ctx: RequestContext, filter: SegmentFilter) {
      assertListAccess(ctx.actor, 'rows')
      validateSegmentFilter(filter)
      const src = { id: '00000000-0000-0000-0000-000000000000', kind: 'dynamic' as const, filter }
      const [counts, sample] = await Promise.all([repo.countAudience(db, src), repo.pageAudience(db, src, null, 10)])
      return { ...counts, sample: (await openAll(sample)).map(toMember) }
    },

    async values(ctx: RequestContext, query: SegmentValuesQuery) {
      assertListAccess(ctx.actor, 'rows')
      const source = query.field ? valueSource(query.field) : undefined
      if (!source) throw fieldError('field', query.field ? `Not a text field of the segment language: "${query.field}"` : 'Required')
      return { items: await distinctValues(db, source, query.q.trim(), 10) }
    },

    async addMembers(ctx: RequestContext, id: string, input: MembersAdd) {
      return db.transaction().execute(async (trx) => {
        const list = await visible(ctx, id, 'write', trx)
        if (list.kind !== 'static') throw new AppError('LIST_NOT_STATIC', 'A dynamic list is defined by its filter; members cannot be added')
        const wanted: [MemberKind, string[]][] = [
          ['customer', [...new Set(input.customerIds ?? [])]],
          ['contact', [...new Set(input.contactIds ?? [])]],
          ['lead', [...new Set(input.leadIds ?? [])]],
        ]
        const rows: { listId: string; entityId: string; kind: MemberKind; createdBy: string }[] = []
        const notFound: string[] = []
        for (const [kind, ids] of wanted) {
          const live = new Set(await repo.liveIds(trx, kind, ids))
          for (const e of ids) {
            if (live.has(e)) rows.push({ listId: id, entityId: e, kind, createdBy: ctx.actor.userId })
            else notFound.push(e)
          }
        }
        const added = await repo.insertMembers(trx, rows)
        if (added > 0) {
          await recordAudit(trx, ctx, [{ action: 'members.add', entity: 'mailing_list', entityId: id, changes: { added, ids: rows.map((r) => r.entityId).slice(0, 200) } }])
        }
        return { added, alreadyMembers: rows.length - added, notFound }
      })
    },

    async removeMember(ctx: RequestContext, id: string, memberId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const list = await visible(ctx, id, 'write', trx)
        if (list.kind !== 'static') throw new AppError('LIST_NOT_STATIC', 'A dynamic list is defined by its filter; members cannot be removed')
        if ((await repo.deleteMember(trx, id, memberId)) === 0) throw new AppError('NOT_FOUND', 'Not a member of this list')
        await recordAudit(trx, ctx, [{ action: 'members.remove', entity: 'mailing_list', entityId: id, changes: { memberId } }])
      })
    },
  }
}

export type MailingListService = ReturnType<typeof createMailingListService>
