import type { Db } from '../../db/database'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { iso } from '../../lib/schema'
import { AppError } from '../../server/errors'
import { scopeFor } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import type { CustomerService } from '../customers/customers.service'
import * as repo from './activities.repository'
import { customerTimeline } from './activities.timeline'
import { toActivity } from './activities.model'
import type { Activity, TimelineItem } from './activities.schema'
import { ticketScope } from '../tickets/tickets.model'

const CURSOR_SORT = 'timeline'

function beforeOf(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null
  const c = decodeCursor(cursor, CURSOR_SORT)
  const at = c?.v ? new Date(c.v) : null
  if (!c || !at || Number.isNaN(at.getTime()) || at.toISOString() !== c.v) {
    throw new AppError('VALIDATION_FAILED', 'cursor: invalid', { errors: [{ path: 'cursor', message: 'Invalid cursor' }] })
  }
  return { at, id: c.id }
}

/** GET /customers/{id}/timeline: for whoever may see the customer; keyset by (at, id) across every source. */
export function createTimeline({ db, customers }: { db: Db; customers: CustomerService }) {
  return async function timeline(ctx: RequestContext, customerId: string, limit: number, cursor?: string): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
    await customers.visible(ctx, customerId, 'read')
    // Tickets (kind 'ticket', title "number subject", detail = status) only for those who may see tickets:
    // the customer is visible here, so any scope other than 'none' (marketing) covers its tickets.
    const includeTickets = ticketScope(ctx.actor) !== 'none'
    const rows = await customerTimeline(db, { customerId, opportunityScope: scopeFor(ctx.actor, 'read'), includeTickets, before: beforeOf(cursor), limit })
    const page = rows.slice(0, limit)
    const activities = new Map(
      (await repo.findActivitiesByIds(db, page.filter((r) => r.kind === 'activity').map((r) => r.id))).map((a) => [a.id, a]),
    )
    const items = page.map((r): TimelineItem => {
      const a = activities.get(r.id)
      const activity: Activity | null = a ? toActivity(a) : null
      return {
        kind: r.kind,
        id: r.id,
        at: iso(new Date(r.at)),
        actorId: r.actorId,
        actorName: r.actorName,
        title: r.title,
        detail: r.detail,
        activity,
        opportunityId: r.opportunityId,
      }
    })
    const last = page[page.length - 1]
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ s: CURSOR_SORT, v: iso(new Date(last.at)), id: last.id }) : null }
  }
}
