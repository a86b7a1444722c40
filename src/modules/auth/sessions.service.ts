import type { Db } from '../../db/database'
import { describeDevice } from '../../lib/user-agent'
import { iso } from '../../lib/schema'
import { AppError } from '../../server/errors'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import type { SessionCache } from './session-cache'
import * as sessions from './sessions.repository'
import type { ActiveSession } from './sessions.schema'

/** A user's own open sessions: listed with device and address, ended one by one or all but this one. */
export function createSessionsService({ db, sessionCache }: { db: Db; sessionCache: SessionCache }) {
  return {
    async list(ctx: RequestContext, currentId: string | null): Promise<{ items: ActiveSession[]; nextCursor: null }> {
      const rows = await sessions.listSessionsOfUser(db, ctx.actor.userId)
      const items = rows.map((r) => ({
        id: r.ref,
        device: describeDevice(r.userAgent),
        userAgent: r.userAgent,
        ip: r.ip,
        createdAt: iso(r.createdAt),
        lastSeenAt: iso(r.lastSeenAt),
        current: r.id === currentId,
      }))
      return { items, nextCursor: null }
    },

    async revoke(ctx: RequestContext, ref: string): Promise<void> {
      const id = await db.transaction().execute(async (trx) => {
        const gone = await sessions.deleteSessionByRef(trx, ctx.actor.userId, ref)
        if (!gone) throw new AppError('NOT_FOUND', 'No such session of yours')
        await recordAudit(trx, ctx, [{ action: 'session_revoke', entity: 'user', entityId: ctx.actor.userId }])
        return gone
      })
      sessionCache.forget(id)
    },

    async revokeOthers(ctx: RequestContext, currentId: string | null): Promise<{ revoked: number }> {
      // An API token has no session of its own to keep: it ends them all.
      const gone = await db.transaction().execute(async (trx) => {
        const rows = await sessions.deleteSessionsOfUserReturning(trx, ctx.actor.userId, currentId ?? '')
        if (rows.length) await recordAudit(trx, ctx, [{ action: 'session_revoke_others', entity: 'user', entityId: ctx.actor.userId, changes: { revoked: rows.length } }])
        return rows
      })
      for (const { id } of gone) sessionCache.forget(id)
      return { revoked: gone.length }
    },
  }
}

export type SessionsService = ReturnType<typeof createSessionsService>
