import { sql, type Kysely } from 'kysely'

/**
 * Marketing (营销): campaigns, mailing lists (static members, dynamic segments), the recipients a
 * send materialises, and the global suppression list (unsubscribed and bounced addresses).
 * Leads and opportunities carry campaign_id since 1400/1410 without a foreign key: the leads
 * service and the public web-to-lead form accept any id today (their tests use made-up ones), so
 * the key waits until those services check that the campaign exists.
 */
const upStatements = [
  // Recipient rows are made by one INSERT … SELECT; they still get time-ordered UUIDv7 ids.
  `CREATE OR REPLACE FUNCTION kith_uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
     SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
       substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
       52, 1), 53, 1), 'hex')::uuid
   $$`,
  `CREATE TABLE suppressions (
     email text PRIMARY KEY,
     reason text NOT NULL CHECK (reason IN ('unsubscribed','bounced','complained','manual')),
     campaign_id uuid,
     detail text,
     created_at timestamptz(3) NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX suppressions_created_idx ON suppressions (created_at, email)`,
  `CREATE TABLE mailing_lists (
     id uuid PRIMARY KEY,
     name text NOT NULL,
     kind text NOT NULL CHECK (kind IN ('static','dynamic')),
     filter jsonb,
     description text,
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid,
     version integer NOT NULL DEFAULT 1,
     deleted_at timestamptz(3)
   )`,
  `CREATE INDEX mailing_lists_name_idx ON mailing_lists (name, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX mailing_lists_created_idx ON mailing_lists (created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX mailing_lists_updated_idx ON mailing_lists (updated_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX mailing_lists_kind_idx ON mailing_lists (kind, created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX mailing_lists_search_idx ON mailing_lists USING gin (lower(name) gin_trgm_ops)`,
  `CREATE INDEX mailing_lists_deleted_idx ON mailing_lists (deleted_at, id) WHERE deleted_at IS NOT NULL`,
  // A member points at a customer, contact or lead; the entity id is unique across the three (UUIDv7).
  `CREATE TABLE mailing_list_members (
     list_id uuid NOT NULL REFERENCES mailing_lists(id) ON DELETE CASCADE,
     entity_id uuid NOT NULL,
     kind text NOT NULL CHECK (kind IN ('customer','contact','lead')),
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid,
     PRIMARY KEY (list_id, entity_id)
   )`,
  `CREATE INDEX mailing_list_members_kind_idx ON mailing_list_members (list_id, kind, entity_id)`,
  `CREATE INDEX mailing_list_members_entity_idx ON mailing_list_members (entity_id)`,
  `CREATE TABLE campaigns (
     id uuid PRIMARY KEY,
     name text NOT NULL,
     type text NOT NULL DEFAULT 'email' CHECK (type IN ('email','event','webinar','ads','other')),
     status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','active','completed','cancelled')),
     start_date date,
     end_date date,
     budget numeric(18,2),
     actual_cost numeric(18,2),
     currency text NOT NULL DEFAULT 'CNY',
     owner_id uuid REFERENCES users(id),
     team_id uuid REFERENCES teams(id),
     mailing_list_id uuid REFERENCES mailing_lists(id),
     email_subject text,
     email_body text,
     from_name text,
     links jsonb NOT NULL DEFAULT '[]',
     messages_per_minute integer CHECK (messages_per_minute > 0),
     send_status text NOT NULL DEFAULT 'draft' CHECK (send_status IN ('draft','scheduled','sending','sent','failed','cancelled')),
     scheduled_at timestamptz(3),
     send_started_at timestamptz(3),
     send_finished_at timestamptz(3),
     send_heartbeat_at timestamptz(3),
     send_worker text,
     materialized_at timestamptz(3),
     audience_size integer,
     duplicates_skipped integer,
     send_error text,
     description text,
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid,
     version integer NOT NULL DEFAULT 1,
     deleted_at timestamptz(3),
     search_text text GENERATED ALWAYS AS (lower(name || ' ' || coalesce(email_subject, ''))) STORED
   )`,
  `CREATE INDEX campaigns_search_idx ON campaigns USING gin (search_text gin_trgm_ops)`,
  `CREATE INDEX campaigns_name_idx ON campaigns (name, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX campaigns_created_idx ON campaigns (created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX campaigns_updated_idx ON campaigns (updated_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX campaigns_start_idx ON campaigns (start_date, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX campaigns_status_idx ON campaigns (status, created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX campaigns_type_idx ON campaigns (type, created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX campaigns_send_status_idx ON campaigns (send_status, created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX campaigns_owner_idx ON campaigns (owner_id, created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX campaigns_list_idx ON campaigns (mailing_list_id) WHERE mailing_list_id IS NOT NULL`,
  `CREATE INDEX campaigns_deleted_idx ON campaigns (deleted_at, id) WHERE deleted_at IS NOT NULL`,
  `CREATE TABLE campaign_recipients (
     id uuid PRIMARY KEY DEFAULT kith_uuid_v7(),
     campaign_id uuid NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
     email text NOT NULL,
     name text,
     company text,
     member_kind text NOT NULL,
     member_id uuid NOT NULL,
     token text NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', ''),
     state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sending','sent','failed','bounced','skipped')),
     skip_reason text CHECK (skip_reason IN ('invalid','suppressed')),
     attempts integer NOT NULL DEFAULT 0,
     next_attempt_at timestamptz(3),
     claimed_at timestamptz(3),
     sent_at timestamptz(3),
     message_id text,
     last_error text,
     opened_at timestamptz(3),
     open_count integer NOT NULL DEFAULT 0,
     clicked_at timestamptz(3),
     click_count integer NOT NULL DEFAULT 0,
     unsubscribed_at timestamptz(3),
     created_at timestamptz(3) NOT NULL DEFAULT now()
   )`,
  // An address appears once per campaign, however many members share it.
  `CREATE UNIQUE INDEX campaign_recipients_email_idx ON campaign_recipients (campaign_id, email)`,
  `CREATE UNIQUE INDEX campaign_recipients_token_idx ON campaign_recipients (token)`,
  // The send loop claims pending rows in id order, stats count by state, the recipients list pages by state.
  `CREATE INDEX campaign_recipients_state_idx ON campaign_recipients (campaign_id, state, id)`,
  // Segment fields: every whitelisted filter has an index to use.
  `CREATE INDEX customers_city_idx ON customers ((address->>'city')) WHERE deleted_at IS NULL`,
  `CREATE INDEX customers_region_idx ON customers ((address->>'region')) WHERE deleted_at IS NULL`,
  `CREATE INDEX customers_country_idx ON customers ((address->>'country')) WHERE deleted_at IS NULL`,
  `CREATE INDEX customers_source_idx ON customers (source) WHERE deleted_at IS NULL`,
  `CREATE INDEX contacts_title_idx ON contacts (title) WHERE deleted_at IS NULL`,
  // "No order in N days": the newest order of a customer, by index.
  `CREATE INDEX orders_customer_ordered_idx ON orders (customer_id, ordered_at) WHERE deleted_at IS NULL`,
]

const downStatements = [
  'DROP INDEX orders_customer_ordered_idx',
  'DROP INDEX contacts_title_idx',
  'DROP INDEX customers_source_idx',
  'DROP INDEX customers_country_idx',
  'DROP INDEX customers_region_idx',
  'DROP INDEX customers_city_idx',
  'DROP TABLE campaign_recipients',
  'DROP TABLE campaigns',
  'DROP TABLE mailing_list_members',
  'DROP TABLE mailing_lists',
  'DROP TABLE suppressions',
  'DROP FUNCTION kith_uuid_v7()',
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const s of upStatements) await sql.raw(s).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const s of downStatements) await sql.raw(s).execute(db)
}
