import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import { scopeCondition } from '../../db/scope'
import type { Scope } from '../../server/permissions'

export interface TimelineRow {
  kind: 'activity' | 'stage_change' | 'opportunity_created' | 'lead_converted' | 'ticket'
  id: string
  at: Date
  actorId: string | null
  actorName: string | null
  title: string
  detail: string | null
  opportunityId: string | null
}

/**
 * The customer timeline as one read model over four sources, newest first:
 * - its activities (activities_customer_timeline_idx),
 * - the creation and stage changes of its opportunities, from the audit log
 *   (opportunities by customer, then audit_log_entity_idx per deal),
 * - the leads converted into it (leads_converted_customer_idx),
 * - its service tickets, when the caller may see tickets (tickets_customer_idx, read backwards).
 * Each branch applies the keyset position (at, id) and its own LIMIT on its own index, so a page
 * deep in the timeline costs what the first one does; the union of at most 4 × (limit + 1) rows
 * is then ordered and cut. It reads the opportunity and lead tables directly: this read model
 * belongs to no single owner, and a join per page is what keeps it fast.
 */
export async function customerTimeline(
  db: Executor,
  f: { customerId: string; opportunityScope: Scope; includeTickets?: boolean; before: { at: Date; id: string } | null; limit: number },
): Promise<TimelineRow[]> {
  const n = f.limit + 1
  const before = (at: string, id: string) =>
    f.before ? sql`AND (${sql.raw(at)}, ${sql.raw(id)}) < (${f.before.at}::timestamptz, ${f.before.id}::uuid)` : sql``
  const oppScope = scopeCondition(f.opportunityScope, 'o')
  const result = await sql<Omit<TimelineRow, 'actorName'>>`
    SELECT t.*, u.name AS actor_name FROM (
      (SELECT 'activity' AS kind, a.id, a.created_at AS at, a.created_by AS actor_id, a.subject AS title,
              a.type AS detail, a.opportunity_id
         FROM activities a
        WHERE a.customer_id = ${f.customerId}::uuid AND a.deleted_at IS NULL ${before('a.created_at', 'a.id')}
        ORDER BY a.created_at DESC, a.id DESC LIMIT ${n})
      UNION ALL
      (SELECT CASE WHEN au.action = 'create' THEN 'opportunity_created' ELSE 'stage_change' END, au.id, au.at, au.actor_id, o.name,
              CASE WHEN au.action = 'create' THEN au.changes -> 'stage' ->> 'after'
                   ELSE concat_ws(' → ', au.changes -> 'stage' ->> 'before', au.changes -> 'stage' ->> 'after') END,
              o.id
         FROM opportunities o
         JOIN audit_log au ON au.entity = 'opportunity' AND au.entity_id = o.id
        WHERE o.customer_id = ${f.customerId}::uuid
          AND (au.action = 'create' OR (au.action <> 'create' AND au.changes -> 'stage' IS NOT NULL))
          ${oppScope ? sql`AND ${oppScope}` : sql``}
          ${before('au.at', 'au.id')}
        ORDER BY au.at DESC, au.id DESC LIMIT ${n})
      UNION ALL
      (SELECT 'lead_converted', l.id, l.converted_at, cv.actor_id, coalesce(l.company, l.name), l.name, l.converted_opportunity_id
         FROM leads l
         LEFT JOIN LATERAL (SELECT actor_id FROM audit_log WHERE entity = 'lead' AND entity_id = l.id AND action = 'convert' LIMIT 1) cv ON true
        WHERE l.converted_customer_id = ${f.customerId}::uuid ${before('l.converted_at', 'l.id')}
        ORDER BY l.converted_at DESC, l.id DESC LIMIT ${n})
      ${f.includeTickets ? sql`UNION ALL
      (SELECT 'ticket', tk.id, tk.created_at, tk.created_by, tk.number || ' ' || tk.subject, tk.status, NULL::uuid
         FROM tickets tk
        WHERE tk.customer_id = ${f.customerId}::uuid AND tk.deleted_at IS NULL ${before('tk.created_at', 'tk.id')}
        ORDER BY tk.created_at DESC, tk.id DESC LIMIT ${n})` : sql``}
    ) t
    LEFT JOIN users u ON u.id = t.actor_id
    ORDER BY t.at DESC, t.id DESC
    LIMIT ${n}`.execute(db)
  return result.rows as TimelineRow[]
}
