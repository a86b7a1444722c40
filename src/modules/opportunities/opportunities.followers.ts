import type { Executor } from '../../db/database'
import { alignWithDeals } from '../../db/owner-team'
import { changedFields } from '../../lib/diff'
import type { AuditEvent } from '../audit/audit.service'

/**
 * A module whose records are made from a deal and must stay visible exactly as the deal is
 * (quotes, orders): when the deal changes hands, they change hands with it, in the same
 * transaction. Without this a former owner kept reading, editing and accepting the quotes of a
 * deal he no longer had, and the new owner could not see them.
 */
export interface DealFollower {
  /** The audit log's name for the records. */
  entity: string
  follow(trx: Executor, opportunityIds: string[]): Promise<{ id: string; ownerBefore: string | null; teamBefore: string | null; ownerId: string | null; teamId: string | null }[]>
}

/** Moves the followers of these deals to the deals' current owner and team; the audit rows of every moved record. */
export async function followDeals(trx: Executor, followers: DealFollower[], opportunityIds: string[]): Promise<AuditEvent[]> {
  const events: AuditEvent[] = []
  if (!opportunityIds.length) return events
  for (const f of followers) {
    for (const r of await f.follow(trx, opportunityIds)) {
      const changes = changedFields({ ownerId: r.ownerBefore, teamId: r.teamBefore }, { ownerId: r.ownerId, teamId: r.teamId })
      events.push({ action: 'update', entity: f.entity, entityId: r.id, changes })
    }
  }
  return events
}

/** Every writer of a deal's owner (edit, bulk assign, import and its undo) moves these with it. */
export const dealDocuments: DealFollower[] = [
  { entity: 'quote', follow: (trx, ids) => alignWithDeals(trx, 'quotes', ids) },
  { entity: 'order', follow: (trx, ids) => alignWithDeals(trx, 'orders', ids) },
]
