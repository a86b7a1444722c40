import type { Db, Executor } from '../../db/database'
import { finishPage, parseKeyset } from '../../db/keyset'
import { changedFields } from '../../lib/diff'
import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import { normalizeSearchTerm } from '../../lib/text'
import { AppError, fieldError } from '../../server/errors'
import { assertCanAssign } from '../../server/permissions'
import type { Actor, RequestContext } from '../../server/context'
import type { Mailer } from '../../server/mailer'
import { recordAudit } from '../audit/audit.service'
import { companyLocale } from '../company/company.service'
import type { UserService } from '../users/users.service'
import type { MailingListService } from '../mailing-lists/mailing-lists.service'
import { toMember } from '../mailing-lists/mailing-lists.service'
import * as repo from './campaigns.repository'
import type { Composer } from './campaigns.compose'
import { checkMergeFields, extractLinks } from './campaigns.template'
import type { Campaign, CampaignCreate, CampaignListQuery, CampaignUpdate } from './campaigns.schema'

/** Marketing and admins run campaigns; managers read them and their results; sales and support read campaigns to pick one on a lead. */
/** 'results' are aggregate stats (managers too); 'recipients' are the addressed people, row by row (not managers: outside their team). */
export type CampaignAccess = 'read' | 'results' | 'recipients' | 'write'

export function assertCampaignAccess(actor: Actor, access: CampaignAccess) {
  const ok = access === 'write' || access === 'recipients' ? ['admin', 'marketing'] : access === 'results' ? ['admin', 'marketing', 'manager'] : ['admin', 'marketing', 'manager', 'sales', 'support']
  if (!ok.includes(actor.role)) {
    throw new AppError('FORBIDDEN', access === 'write' ? 'Only marketing and admins manage campaigns' : access === 'recipients' ? "Only marketing and admins see a campaign's recipients" : 'Your role cannot see campaign results')
  }
}

export const toCampaign = (r: repo.CampaignRow): Campaign => {
  const { links: _l, teamId: _t, sendHeartbeatAt: _h, sendWorker: _w, materializedAt: _m, audienceSize: _a, duplicatesSkipped: _d, ...rest } = r
  return {
    ...rest,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    scheduledAt: r.scheduledAt ? iso(r.scheduledAt) : null,
    sendStartedAt: r.sendStartedAt ? iso(r.sendStartedAt) : null,
    sendFinishedAt: r.sendFinishedAt ? iso(r.sendFinishedAt) : null,
    deletedAt: r.deletedAt ? iso(r.deletedAt) : null,
  }
}

const sortKeys = {
  name: { column: 'c.name', type: 'text' as const },
  createdAt: { column: 'c.created_at', type: 'timestamptz' as const },
  updatedAt: { column: 'c.updated_at', type: 'timestamptz' as const },
  startDate: { column: 'c.start_date', type: 'date' as const },
}
const sortValue = (sort: string) => (r: repo.CampaignRow) => {
  const field = sort.replace(/^-/, '')
  if (field === 'name') return r.name
  if (field === 'startDate') return r.startDate ?? '0001-01-01'
  return (field === 'updatedAt' ? r.updatedAt : r.createdAt).toISOString()
}

/** Fields that make up the message: frozen once a send is scheduled. */
const MESSAGE_FIELDS = ['mailingListId', 'emailSubject', 'emailBody', 'fromName'] as const

export interface CampaignDeps { db: Db; users: UserService; mailingLists: MailingListService; mailer: Mailer; composer: Composer }

export function createCampaignService(deps: CampaignDeps) {
  const { db, users, mailingLists, mailer, composer } = deps

  async function visible(ctx: RequestContext, id: string, access: CampaignAccess, trx: Executor = db) {
    assertCampaignAccess(ctx.actor, access)
    const row = access === 'write' ? await repo.lockCampaign(trx, id) : await repo.findCampaignById(trx, id)
    if (!row || row.deletedAt) throw new AppError('CAMPAIGN_NOT_FOUND')
    return row
  }

  /** Save-time checks: merge fields, dates, the list exists. */
  async function check(trx: Executor, c: { startDate?: string | null; endDate?: string | null; emailSubject?: string | null; emailBody?: string | null; mailingListId?: string | null }) {
    checkMergeFields([{ path: 'emailSubject', text: c.emailSubject }, { path: 'emailBody', text: c.emailBody }])
    if (c.startDate && c.endDate && c.endDate < c.startDate) throw fieldError('endDate', 'Must not be before startDate')
    if (c.mailingListId && !(await mailingLists.source(c.mailingListId, trx))) throw fieldError('mailingListId', 'No such mailing list')
  }

  async function ownerFor(ctx: RequestContext, ownerId: string | null, trx: Executor) {
    if (ownerId === null) return { ownerId: null, teamId: null }
    const candidate = await users.ownerCandidate(ownerId, trx)
    // Marketing assigns campaigns within marketing freely; ownership here is a label, not a visibility rule.
    if (ctx.actor.role !== 'marketing') assertCanAssign(ctx.actor, candidate)
    else if (!candidate.active) throw fieldError('ownerId', 'The user is inactive')
    return { ownerId: candidate.id, teamId: candidate.teamId }
  }

  const reload = async (trx: Executor, id: string) => toCampaign((await repo.findCampaignById(trx, id))!)

  /** The member a preview or test renders for: the one asked for, else the list's first with an address. */
  async function memberFor(row: repo.CampaignRow, memberId?: string) {
    const src = row.mailingListId ? await mailingLists.source(row.mailingListId) : null
    if (memberId) {
      const m = src ? await mailingLists.findMember(src, memberId) : undefined
      if (!m) throw fieldError('memberId', 'Not a member of the campaign\'s list')
      return m
    }
    return src ? mailingLists.firstMember(src) : undefined
  }

  return {
    visible,
    toCampaign,

    async list(ctx: RequestContext, query: CampaignListQuery) {
      assertCampaignAccess(ctx.actor, 'read')
      const deleted = query.deleted ?? false
      const sort = query.sort ?? '-createdAt'
      const keyset = parseKeyset(sortKeys, sort, query.cursor)
      const q = query.q ? normalizeSearchTerm(query.q) : undefined
      const rows = await repo.listCampaigns(db, { ...query, q, deleted, keyset, limit: query.limit })
      const page = finishPage(rows, query.limit, keyset, sortValue(sort))
      return { items: page.rows.map(toCampaign), nextCursor: page.nextCursor }
    },

    async get(ctx: RequestContext, id: string) {
      return toCampaign(await visible(ctx, id, 'read'))
    },

    async create(ctx: RequestContext, input: CampaignCreate): Promise<Campaign> {
      assertCampaignAccess(ctx.actor, 'write')
      return db.transaction().execute(async (trx) => {
        await check(trx, input)
        const ownership = await ownerFor(ctx, input.ownerId === undefined ? ctx.actor.userId : input.ownerId, trx)
        const id = newId()
        const { ownerId: _o, ...fields } = input
        fields.currency ??= (await companyLocale(trx)).currency
        await repo.insertCampaign(trx, { ...fields, ...ownership, id, links: JSON.stringify(extractLinks(input.emailBody)), createdBy: ctx.actor.userId })
        const created = await reload(trx, id)
        await recordAudit(trx, ctx, [{ action: 'create', entity: 'campaign', entityId: id, changes: changedFields({}, { ...input, ...ownership }) }])
        return created
      })
    },

    async update(ctx: RequestContext, id: string, input: CampaignUpdate): Promise<Campaign> {
      return db.transaction().execute(async (trx) => {
        const current = await visible(ctx, id, 'write', trx)
        if (current.version !== input.version) {
          throw new AppError('VERSION_CONFLICT', 'This campaign was changed by someone else since you loaded it', { current: toCampaign(current) })
        }
        const { version: _v, ownerId, ...patch } = input
        const before = toCampaign(current)
        const changes = changedFields(before, patch as Partial<Campaign>)
        if (current.sendStatus !== 'draft' && MESSAGE_FIELDS.some((f) => f in changes)) {
          throw new AppError('CAMPAIGN_LOCKED', 'The e-mail and list of a scheduled or sent campaign cannot change; cancel the send first')
        }
        await check(trx, { ...before, ...patch })
        const columns: Parameters<typeof repo.updateCampaign>[2] = { ...patch, links: patch.emailBody !== undefined ? JSON.stringify(extractLinks(patch.emailBody)) : undefined }
        if (ownerId !== undefined && ownerId !== current.ownerId) {
          const ownership = await ownerFor(ctx, ownerId, trx)
          Object.assign(columns, ownership)
          changes.ownerId = { before: current.ownerId, after: ownership.ownerId }
        }
        if (Object.keys(changes).length === 0) return before
        await repo.updateCampaign(trx, id, columns)
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'campaign', entityId: id, changes }])
        return reload(trx, id)
      })
    },

    async remove(ctx: RequestContext, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await visible(ctx, id, 'write', trx)
        if (row.sendStatus === 'sending' || row.sendStatus === 'scheduled') throw new AppError('CAMPAIGN_NOT_SENDABLE', 'Cancel the send before deleting the campaign')
        await repo.updateCampaign(trx, id, { deletedAt: new Date() })
        await recordAudit(trx, ctx, [{ action: 'delete', entity: 'campaign', entityId: id }])
      })
    },

    async restore(ctx: RequestContext, id: string): Promise<Campaign> {
      return db.transaction().execute(async (trx) => {
        assertCampaignAccess(ctx.actor, 'write')
        const row = await repo.lockCampaign(trx, id)
        if (!row) throw new AppError('CAMPAIGN_NOT_FOUND')
        if (!row.deletedAt) throw new AppError('NOT_DELETED', 'This campaign is not deleted')
        await repo.updateCampaign(trx, id, { deletedAt: null })
        await recordAudit(trx, ctx, [{ action: 'restore', entity: 'campaign', entityId: id }])
        return reload(trx, id)
      })
    },

    async preview(ctx: RequestContext, id: string, memberId?: string) {
      const row = await visible(ctx, id, 'recipients') // names a member and his address
      const m = await memberFor(row, memberId)
      const recipient = m ? { email: m.email ?? '', name: m.name, company: m.company, token: null } : { email: 'example@example.com', name: '张伟', company: '示例公司', token: null }
      const msg = composer.render(row, recipient)
      return { to: m?.email ?? null, member: m ? toMember(m) : null, ...msg }
    },

    /** One rendered message to a colleague's address, now, without tracking and outside the campaign's counts. */
    async testSend(ctx: RequestContext, id: string, input: { to: string; memberId?: string }) {
      const row = await visible(ctx, id, 'write')
      if (!row.emailSubject || !row.emailBody) throw fieldError(row.emailSubject ? 'emailBody' : 'emailSubject', 'Write the e-mail before sending a test')
      const m = await memberFor(row, input.memberId)
      const recipient = m ? { email: m.email ?? input.to, name: m.name, company: m.company, token: null } : { email: input.to, name: null, company: null, token: null }
      const sent = await mailer.send(composer.testMail(row, recipient, input.to))
      await db.transaction().execute((trx) => recordAudit(trx, ctx, [{ action: 'test_send', entity: 'campaign', entityId: id, changes: { to: input.to } }]))
      return { messageId: sent.messageId, accepted: sent.accepted }
    },
  }
}

export type CampaignService = ReturnType<typeof createCampaignService>
