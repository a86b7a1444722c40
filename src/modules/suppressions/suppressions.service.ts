import { z } from 'zod'
import type { Db, Executor } from '../../db/database'
import { listQueryBase, timestamp } from '../../lib/schema'
import { AppError, fieldError } from '../../server/errors'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import { assertListAccess } from '../mailing-lists/mailing-lists.service'
import * as repo from './suppressions.repository'
import type { SuppressionReason } from './suppressions.table'

export const SUPPRESSION_REASONS = ['unsubscribed', 'bounced', 'complained', 'manual', 'erased'] as const
export const suppressionSchema = z
  .object({ email: z.string(), reason: z.enum(SUPPRESSION_REASONS), campaignId: z.uuid().nullable(), detail: z.string().nullable(), createdAt: timestamp })
  .meta({ id: 'Suppression' })
export const suppressionCreateSchema = z
  .strictObject({ email: z.email().max(254), detail: z.string().trim().max(500).optional() })
  .meta({ id: 'SuppressionCreate' })
export const suppressionListQuerySchema = z.strictObject({ ...listQueryBase, reason: z.enum(SUPPRESSION_REASONS).optional() })

type Row = NonNullable<Awaited<ReturnType<typeof repo.findSuppression>>>
const toSuppression = (r: Row) => ({ ...r, createdAt: r.createdAt.toISOString() })

/**
 * The global do-not-mail list: unsubscribed and bounced addresses (and ones marketing adds by
 * hand). No campaign mails an address on it.
 */
export function createSuppressionService({ db }: { db: Db }) {
  return {
    /** Inside the caller's transaction: the public unsubscribe and the send loop's bounces. */
    async add(trx: Executor, ctx: { requestId: string; ip?: string; actor: { userId: string } | null }, row: { email: string; reason: SuppressionReason; campaignId: string | null; detail: string | null }) {
      const res = await repo.suppress(trx, row)
      if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0) {
        await recordAudit(trx, ctx, [{ action: 'create', entity: 'suppression', entityId: null, changes: { email: row.email.toLowerCase(), reason: row.reason, campaignId: row.campaignId } }])
      }
    },

    async list(ctx: RequestContext, query: z.infer<typeof suppressionListQuerySchema>) {
      assertListAccess(ctx.actor, 'rows') // e-mail addresses, not a count
      let after: { at: Date; email: string } | null = null
      if (query.cursor) {
        try {
          const c = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as { at: string; email: string }
          after = { at: new Date(c.at), email: String(c.email) }
          if (Number.isNaN(after.at.getTime())) throw new Error('bad')
        } catch {
          throw fieldError('cursor', 'Invalid cursor')
        }
      }
      const rows = await repo.listSuppressions(db, { after, limit: query.limit, reason: query.reason })
      const page = rows.slice(0, query.limit)
      const last = page.at(-1)
      const nextCursor = rows.length > query.limit && last ? Buffer.from(JSON.stringify({ at: last.createdAt.toISOString(), email: last.email })).toString('base64url') : null
      return { items: page.map(toSuppression), nextCursor }
    },

    async create(ctx: RequestContext, input: z.infer<typeof suppressionCreateSchema>) {
      assertListAccess(ctx.actor, 'write')
      return db.transaction().execute(async (trx) => {
        await this.add(trx, ctx, { email: input.email, reason: 'manual', campaignId: null, detail: input.detail ?? null })
        return toSuppression((await repo.findSuppression(trx, input.email))!)
      })
    },

    /** Only an admin may lift a suppression (a person asked to be mailed again). */
    async remove(ctx: RequestContext, email: string) {
      if (ctx.actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin may lift a suppression')
      await db.transaction().execute(async (trx) => {
        const res = await repo.deleteSuppression(trx, email)
        if (Number(res.numDeletedRows) === 0) throw new AppError('NOT_FOUND', 'This address is not suppressed')
        await recordAudit(trx, ctx, [{ action: 'delete', entity: 'suppression', entityId: null, changes: { email: email.toLowerCase() } }])
      })
    },
  }
}

export type SuppressionService = ReturnType<typeof createSuppressionService>
