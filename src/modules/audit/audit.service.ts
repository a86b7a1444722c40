import type { Db, Executor } from '../../db/database'
import { newId } from '../../lib/ids'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { AppError } from '../../server/errors'
import { assertRole } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { insertAudit, listAudit } from './audit.repository'
import type { AuditEntry, AuditQuery } from './audit.schema'

export interface AuditEvent {
  action: string
  entity: string
  entityId: string | null
  changes?: Record<string, unknown> | null
}

/** Writes audit rows inside the caller's transaction, so a change and its record land together. */
export async function recordAudit(trx: Executor, ctx: Pick<RequestContext, 'requestId' | 'ip'> & { actor: { userId: string } | null }, events: AuditEvent[]): Promise<void> {
  await insertAudit(
    trx,
    events.map((e) => ({
      id: newId(),
      actorId: ctx.actor?.userId ?? null,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      changes: e.changes ?? null,
      requestId: ctx.requestId,
      ip: ctx.ip ?? null,
    })),
  )
}

const toDate = (s: string | undefined, endOfDay = false) => {
  if (!s) return undefined
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const d = new Date(`${s}T00:00:00Z`)
    if (endOfDay) d.setUTCDate(d.getUTCDate() + 1)
    return d
  }
  return new Date(s)
}

export function createAuditService({ db }: { db: Db }) {
  return {
    /** Admins read the whole log; managers too (their oversight role), others are refused. */
    async list(ctx: RequestContext, query: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
      assertRole(ctx.actor, 'admin', 'manager')
      let after: { at: Date; id: string } | undefined
      if (query.cursor) {
        const c = decodeCursor(query.cursor, 'audit')
        if (!c || c.v === null) throw new AppError('BAD_REQUEST', 'Invalid cursor')
        after = { at: new Date(c.v), id: c.id }
      }
      const rows = await listAudit(db, { ...query, from: toDate(query.from), to: toDate(query.to, true), after })
      return page(rows, query.limit)
    },

    /** The history of one record, for whoever may see that record (checked by the caller). */
    async forEntity(entity: string, entityId: string, limit: number, cursor?: string) {
      let after: { at: Date; id: string } | undefined
      if (cursor) {
        const c = decodeCursor(cursor, 'audit')
        if (!c || c.v === null) throw new AppError('BAD_REQUEST', 'Invalid cursor')
        after = { at: new Date(c.v), id: c.id }
      }
      return page(await listAudit(db, { entity, entityId, limit, after }), limit)
    },
  }
}

function page(rows: Awaited<ReturnType<typeof listAudit>>, limit: number) {
  const items = rows.slice(0, limit).map((r) => ({ ...r, at: r.at.toISOString(), changes: r.changes as AuditEntry['changes'] }))
  const last = items[items.length - 1]
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ s: 'audit', v: last.at, id: last.id }) : null,
  }
}

export type AuditService = ReturnType<typeof createAuditService>
