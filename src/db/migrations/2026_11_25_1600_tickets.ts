import { sql, type Kysely } from 'kysely'

/**
 * Customer service tickets (客户服务): tickets, their comments (public replies and internal notes),
 * the process log of status/assignment/priority changes, and the automatic assignment rules.
 * After the orders and products migration (1500): an after-sales ticket points at both.
 */
const upStatements = [
  // Numbers come from a sequence: unique under any concurrency, gaps after a rollback are harmless.
  `CREATE SEQUENCE ticket_number_seq`,
  `CREATE TABLE tickets (
     id uuid PRIMARY KEY,
     number text NOT NULL UNIQUE,
     type text NOT NULL CHECK (type IN ('inquiry','complaint','after_sales')),
     subject text NOT NULL,
     description text,
     channel text NOT NULL CHECK (channel IN ('phone','email','web','chat','in_person')),
     priority text NOT NULL CHECK (priority IN ('low','normal','high','urgent')),
     status text NOT NULL DEFAULT 'new' CHECK (status IN ('new','open','pending','resolved','closed')),
     customer_id uuid REFERENCES customers(id),
     contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
     -- A purged order or product leaves the service record in place, unlinked.
     order_id uuid REFERENCES orders(id) ON DELETE SET NULL,
     product_id uuid REFERENCES products(id) ON DELETE SET NULL,
     contact_name text,
     contact_email text,
     contact_phone text,
     expected_resolution text,
     resolution text,
     satisfaction smallint CHECK (satisfaction BETWEEN 1 AND 5),
     satisfaction_comment text,
     assignee_id uuid REFERENCES users(id),
     first_response_due_at timestamptz(3),
     resolution_due_at timestamptz(3),
     first_responded_at timestamptz(3),
     resolved_at timestamptz(3),
     closed_at timestamptz(3),
     last_customer_reply_at timestamptz(3),
     meta jsonb NOT NULL DEFAULT '{}',
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid,
     version integer NOT NULL DEFAULT 1,
     deleted_at timestamptz(3),
     priority_rank smallint GENERATED ALWAYS AS (
       CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END
     ) STORED,
     -- The next SLA deadline of a ticket still being worked, from stored timestamps only (so a
     -- restart loses nothing); far in the future when none applies, so it sorts last and keysets.
     due_sort timestamptz(3) GENERATED ALWAYS AS (
       CASE
         WHEN status IN ('resolved','closed') THEN TIMESTAMPTZ '9999-12-31 00:00:00+00'
         WHEN first_responded_at IS NULL AND first_response_due_at IS NOT NULL
           THEN least(first_response_due_at, coalesce(resolution_due_at, first_response_due_at))
         ELSE coalesce(resolution_due_at, TIMESTAMPTZ '9999-12-31 00:00:00+00')
       END
     ) STORED,
     search_text text GENERATED ALWAYS AS (
       lower(number || ' ' || subject || ' ' || coalesce(contact_name, '') || ' ' || coalesce(contact_email, '') || ' ' ||
             coalesce(regexp_replace(contact_phone, '[^0-9]', '', 'g'), ''))
     ) STORED
   )`,
  `CREATE INDEX tickets_search_idx ON tickets USING gin (search_text gin_trgm_ops)`,
  `CREATE INDEX tickets_created_idx ON tickets (created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX tickets_updated_idx ON tickets (updated_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX tickets_priority_idx ON tickets (priority_rank, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX tickets_due_idx ON tickets (due_sort, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX tickets_status_idx ON tickets (status, created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX tickets_type_idx ON tickets (type, created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX tickets_priority_filter_idx ON tickets (priority, created_at, id) WHERE deleted_at IS NULL`,
  // Whole-table: also serves the foreign-key checks of a customer or user purge.
  `CREATE INDEX tickets_customer_idx ON tickets (customer_id, created_at, id)`,
  `CREATE INDEX tickets_contact_idx ON tickets (contact_id)`,
  `CREATE INDEX tickets_assignee_idx ON tickets (assignee_id, created_at, id)`,
  `CREATE INDEX tickets_unassigned_idx ON tickets (created_at, id) WHERE assignee_id IS NULL AND deleted_at IS NULL`,
  // Least-loaded assignment counts the tickets each agent still works.
  `CREATE INDEX tickets_workload_idx ON tickets (assignee_id) WHERE status IN ('new','open','pending') AND deleted_at IS NULL`,
  // Whole-table: they serve the ON DELETE SET NULL of an order or product purge.
  `CREATE INDEX tickets_order_idx ON tickets (order_id)`,
  `CREATE INDEX tickets_product_idx ON tickets (product_id)`,
  `CREATE INDEX tickets_deleted_idx ON tickets (deleted_at, id) WHERE deleted_at IS NOT NULL`,
  `CREATE INDEX tickets_contact_email_idx ON tickets (lower(contact_email)) WHERE deleted_at IS NULL`,
  `CREATE TABLE ticket_comments (
     id uuid PRIMARY KEY,
     ticket_id uuid NOT NULL REFERENCES tickets(id),
     body text NOT NULL,
     internal boolean NOT NULL DEFAULT false,
     from_customer boolean NOT NULL DEFAULT false,
     author_id uuid REFERENCES users(id),
     author_name text,
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     CHECK (NOT (internal AND from_customer))
   )`,
  `CREATE INDEX ticket_comments_ticket_idx ON ticket_comments (ticket_id, created_at, id)`,
  `CREATE INDEX ticket_comments_author_idx ON ticket_comments (author_id)`,
  `CREATE TABLE ticket_events (
     id uuid PRIMARY KEY,
     ticket_id uuid NOT NULL REFERENCES tickets(id),
     kind text NOT NULL,
     before jsonb,
     after jsonb,
     actor_id uuid REFERENCES users(id),
     at timestamptz(3) NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, at, id)`,
  `CREATE INDEX ticket_events_actor_idx ON ticket_events (actor_id)`,
  `CREATE TABLE ticket_assignment_rules (
     id uuid PRIMARY KEY,
     position integer NOT NULL,
     name text NOT NULL,
     match_type text CHECK (match_type IN ('inquiry','complaint','after_sales')),
     match_priority text CHECK (match_priority IN ('low','normal','high','urgent')),
     match_team_id uuid REFERENCES teams(id),
     assignee_ids uuid[] NOT NULL,
     strategy text NOT NULL CHECK (strategy IN ('round_robin','least_loaded')),
     active boolean NOT NULL DEFAULT true,
     last_assignee_id uuid,
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX ticket_assignment_rules_position_idx ON ticket_assignment_rules (position, id)`,
  `INSERT INTO settings (key, value) VALUES ('ticket_sla', '{
     "targets": {
       "urgent": {"firstResponseMinutes": 60, "resolutionMinutes": 240},
       "high": {"firstResponseMinutes": 240, "resolutionMinutes": 1440},
       "normal": {"firstResponseMinutes": 480, "resolutionMinutes": 2880},
       "low": {"firstResponseMinutes": 1440, "resolutionMinutes": 7200}
     },
     "businessHours": null,
     "soonMinutes": 60
   }') ON CONFLICT (key) DO NOTHING`,
]

const downStatements = [
  `DELETE FROM settings WHERE key = 'ticket_sla'`,
  'DROP TABLE ticket_assignment_rules',
  'DROP TABLE ticket_events',
  'DROP TABLE ticket_comments',
  'DROP TABLE tickets',
  'DROP SEQUENCE ticket_number_seq',
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of downStatements) await sql.raw(statement).execute(db)
}
