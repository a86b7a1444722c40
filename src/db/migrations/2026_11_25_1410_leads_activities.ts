import { sql, type Kysely } from 'kysely'

/**
 * Leads (销售线索) and activities (客户互动), after the pipeline migration (1400) whose
 * `opportunities` they reference. Plain SQL like the foundation: one statement per entry.
 */
const upStatements = [
  `CREATE TABLE leads (
     id uuid PRIMARY KEY,
     name text NOT NULL,
     company text,
     title text,
     email text,
     phone text,
     source text,
     campaign_id uuid,
     status text NOT NULL DEFAULT 'new' CHECK (status IN ('new','contacted','qualified','unqualified','converted')),
     score integer NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 100),
     owner_id uuid REFERENCES users(id),
     team_id uuid REFERENCES teams(id),
     description text,
     meta jsonb NOT NULL DEFAULT '{}',
     converted_at timestamptz(3),
     converted_customer_id uuid REFERENCES customers(id) ON DELETE SET NULL,
     converted_contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
     converted_opportunity_id uuid REFERENCES opportunities(id) ON DELETE SET NULL,
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid,
     version integer NOT NULL DEFAULT 1,
     deleted_at timestamptz(3),
     search_text text GENERATED ALWAYS AS (
       lower(name || ' ' || coalesce(company, '') || ' ' || coalesce(email, '') || ' ' ||
             coalesce(regexp_replace(phone, '[^0-9]', '', 'g'), ''))
     ) STORED
   )`,
  `CREATE INDEX leads_search_idx ON leads USING gin (search_text gin_trgm_ops)`,
  `CREATE INDEX leads_name_idx ON leads (name, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX leads_created_idx ON leads (created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX leads_updated_idx ON leads (updated_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX leads_score_idx ON leads (score, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX leads_owner_idx ON leads (owner_id, created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX leads_team_idx ON leads (team_id, created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX leads_status_idx ON leads (status, created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX leads_source_idx ON leads (source, created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX leads_campaign_idx ON leads (campaign_id, created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX leads_email_idx ON leads (lower(email)) WHERE deleted_at IS NULL`,
  `CREATE INDEX leads_phone_idx ON leads (phone) WHERE deleted_at IS NULL`,
  `CREATE INDEX leads_company_idx ON leads (lower(company)) WHERE deleted_at IS NULL`,
  `CREATE INDEX leads_deleted_idx ON leads (deleted_at, id) WHERE deleted_at IS NOT NULL`,
  `CREATE INDEX leads_converted_customer_idx ON leads (converted_customer_id, converted_at DESC, id DESC) WHERE converted_customer_id IS NOT NULL`,
  // Duplicate checks look customers and contacts up by e-mail, phone and company, by index only.
  `CREATE INDEX customers_company_lower_idx ON customers (lower(company)) WHERE deleted_at IS NULL`,
  `CREATE INDEX customers_name_lower_idx ON customers (lower(name)) WHERE deleted_at IS NULL`,
  `CREATE INDEX contacts_email_idx ON contacts (lower(email)) WHERE deleted_at IS NULL`,
  `CREATE INDEX contacts_phone_idx ON contacts (phone) WHERE deleted_at IS NULL`,
  `CREATE TABLE activities (
     id uuid PRIMARY KEY,
     type text NOT NULL CHECK (type IN ('call','email','meeting','note','task')),
     subject text NOT NULL,
     body text,
     due_at timestamptz(3),
     completed_at timestamptz(3),
     customer_id uuid REFERENCES customers(id),
     contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
     lead_id uuid REFERENCES leads(id),
     opportunity_id uuid REFERENCES opportunities(id),
     ticket_id uuid,
     owner_id uuid REFERENCES users(id),
     team_id uuid REFERENCES teams(id),
     meta jsonb NOT NULL DEFAULT '{}',
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid,
     version integer NOT NULL DEFAULT 1,
     deleted_at timestamptz(3)
   )`,
  // The customer timeline: newest first, keyset on (created_at, id), one index range at any depth.
  `CREATE INDEX activities_customer_timeline_idx ON activities (customer_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`,
  // "My tasks": open tasks of one owner by due date.
  `CREATE INDEX activities_my_tasks_idx ON activities (owner_id, due_at, id) WHERE completed_at IS NULL AND type = 'task' AND deleted_at IS NULL`,
  // The other links: whole-table (not partial) so they also serve the foreign-key checks of a purge.
  `CREATE INDEX activities_contact_idx ON activities (contact_id, created_at DESC, id DESC)`,
  `CREATE INDEX activities_lead_idx ON activities (lead_id, created_at DESC, id DESC)`,
  `CREATE INDEX activities_opportunity_idx ON activities (opportunity_id, created_at DESC, id DESC)`,
  `CREATE INDEX activities_ticket_idx ON activities (ticket_id, created_at DESC, id DESC)`,
  `CREATE INDEX activities_owner_idx ON activities (owner_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`,
  `CREATE INDEX activities_team_idx ON activities (team_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`,
  `CREATE INDEX activities_created_idx ON activities (created_at DESC, id DESC) WHERE deleted_at IS NULL`,
  `CREATE INDEX activities_due_idx ON activities (due_at, id) WHERE deleted_at IS NULL AND due_at IS NOT NULL`,
  `INSERT INTO settings (key, value) VALUES ('lead_routing', '{"enabled": false, "teamId": null, "lastAssigneeId": null}')
   ON CONFLICT (key) DO NOTHING`,
]

const downStatements = [
  `DELETE FROM settings WHERE key = 'lead_routing'`,
  'DROP TABLE activities',
  'DROP INDEX contacts_phone_idx',
  'DROP INDEX contacts_email_idx',
  'DROP INDEX customers_name_lower_idx',
  'DROP INDEX customers_company_lower_idx',
  'DROP TABLE leads',
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of downStatements) await sql.raw(statement).execute(db)
}
