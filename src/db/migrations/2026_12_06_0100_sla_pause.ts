import { sql, type Kysely } from 'kysely'

/**
 * A pending ticket (待客户回复) waits on the customer, so its resolution clock stops: the ticket
 * keeps when it stopped, and on leaving pending its resolution deadline moves on by the business
 * time it waited (kept in total, so a priority change keeps it too). While stopped, the next
 * deadline of the queue's index is the resolution deadline only if it had already passed.
 */
const NEVER = `TIMESTAMPTZ '9999-12-31 00:00:00+00'`
const dueSort = (resolution: string) => `due_sort timestamptz(3) GENERATED ALWAYS AS (
       CASE
         WHEN status IN ('resolved','closed') THEN ${NEVER}
         WHEN first_responded_at IS NULL AND first_response_due_at IS NOT NULL
           THEN least(first_response_due_at, coalesce(${resolution}, first_response_due_at))
         ELSE coalesce(${resolution}, ${NEVER})
       END
     ) STORED`
const pausedResolution = `CASE WHEN sla_paused_at IS NOT NULL AND resolution_due_at >= sla_paused_at THEN ${NEVER} ELSE resolution_due_at END`
const dueIndex = `CREATE INDEX tickets_due_idx ON tickets (due_sort, id) WHERE deleted_at IS NULL`

const upStatements = [
  `ALTER TABLE tickets ADD COLUMN sla_paused_at timestamptz(3), ADD COLUMN sla_paused_ms bigint NOT NULL DEFAULT 0 CHECK (sla_paused_ms >= 0)`,
  // Tickets pending now stopped when they last became pending (the process log says when).
  `UPDATE tickets t SET sla_paused_at = coalesce(
     (SELECT max(e.at) FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind = 'status' AND e.after = '"pending"'::jsonb),
     t.updated_at)
   WHERE t.status = 'pending'`,
  `ALTER TABLE tickets DROP COLUMN due_sort`,
  `ALTER TABLE tickets ADD COLUMN ${dueSort(pausedResolution)}`,
  dueIndex,
]

const downStatements = [
  `ALTER TABLE tickets DROP COLUMN due_sort`,
  `ALTER TABLE tickets ADD COLUMN ${dueSort('resolution_due_at')}`,
  dueIndex,
  `ALTER TABLE tickets DROP COLUMN sla_paused_ms, DROP COLUMN sla_paused_at`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of downStatements) await sql.raw(statement).execute(db)
}
