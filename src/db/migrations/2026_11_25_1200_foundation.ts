import { sql, type Kysely } from 'kysely'

// Plain SQL keeps generated columns, partial and trigram indexes readable; one statement per entry
// because the pg driver's extended protocol takes a single statement.
const upStatements = [
  `CREATE EXTENSION IF NOT EXISTS pg_trgm`,
  `CREATE TABLE settings (
     key text PRIMARY KEY,
     value jsonb NOT NULL,
     updated_at timestamptz(3) NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE teams (
     id uuid PRIMARY KEY,
     name text NOT NULL,
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid,
     version integer NOT NULL DEFAULT 1,
     deleted_at timestamptz(3)
   )`,
  `CREATE UNIQUE INDEX teams_name_key ON teams (lower(name)) WHERE deleted_at IS NULL`,
  `CREATE TABLE users (
     id uuid PRIMARY KEY,
     email text NOT NULL,
     name text NOT NULL DEFAULT '',
     role text NOT NULL CHECK (role IN ('admin','manager','sales','support','marketing')),
     team_id uuid REFERENCES teams(id),
     active boolean NOT NULL DEFAULT true,
     locale text CHECK (locale IN ('zh-CN','en')),
     password_hash text NOT NULL,
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid,
     version integer NOT NULL DEFAULT 1,
     deleted_at timestamptz(3)
   )`,
  `CREATE UNIQUE INDEX users_email_key ON users (lower(email))`,
  `CREATE INDEX users_team_idx ON users (team_id)`,
  `CREATE TABLE sessions (
     id text PRIMARY KEY,
     user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     csrf_token text NOT NULL,
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     expires_at timestamptz(3) NOT NULL,
     user_agent text,
     ip text
   )`,
  `CREATE INDEX sessions_user_idx ON sessions (user_id)`,
  `CREATE INDEX sessions_expires_idx ON sessions (expires_at)`,
  `CREATE TABLE api_tokens (
     id uuid PRIMARY KEY,
     user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     name text NOT NULL,
     token_hash text NOT NULL UNIQUE,
     prefix text NOT NULL,
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     expires_at timestamptz(3),
     last_used_at timestamptz(3),
     revoked_at timestamptz(3)
   )`,
  `CREATE INDEX api_tokens_user_idx ON api_tokens (user_id)`,
  `CREATE TABLE login_attempts (
     id bigserial PRIMARY KEY,
     email text NOT NULL,
     ip text,
     at timestamptz(3) NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX login_attempts_email_idx ON login_attempts (email, at)`,
  `CREATE TABLE audit_log (
     id uuid PRIMARY KEY,
     at timestamptz(3) NOT NULL DEFAULT now(),
     actor_id uuid,
     action text NOT NULL,
     entity text NOT NULL,
     entity_id uuid,
     changes jsonb,
     request_id text,
     ip text
   )`,
  `CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, at DESC, id DESC)`,
  `CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC, id DESC)`,
  `CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC)`,
  `CREATE TABLE customers (
     id uuid PRIMARY KEY,
     type text NOT NULL DEFAULT 'company' CHECK (type IN ('company','person')),
     name text NOT NULL,
     email text,
     phone text,
     company text,
     website text,
     industry text,
     address jsonb,
     tags text[] NOT NULL DEFAULT '{}',
     status text NOT NULL DEFAULT 'prospect' CHECK (status IN ('prospect','active','inactive')),
     source text,
     owner_id uuid REFERENCES users(id),
     team_id uuid REFERENCES teams(id),
     description text,
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid,
     version integer NOT NULL DEFAULT 1,
     deleted_at timestamptz(3),
     merged_into uuid,
     search_text text GENERATED ALWAYS AS (
       lower(name || ' ' || coalesce(company, '') || ' ' || coalesce(email, '') || ' ' ||
             coalesce(regexp_replace(phone, '[^0-9]', '', 'g'), ''))
     ) STORED
   )`,
  `CREATE INDEX customers_search_idx ON customers USING gin (search_text gin_trgm_ops)`,
  `CREATE INDEX customers_name_idx ON customers (name, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX customers_created_idx ON customers (created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX customers_updated_idx ON customers (updated_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX customers_owner_idx ON customers (owner_id, name, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX customers_team_idx ON customers (team_id, name, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX customers_status_idx ON customers (status, name, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX customers_industry_idx ON customers (industry, name, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX customers_tags_idx ON customers USING gin (tags)`,
  `CREATE INDEX customers_email_idx ON customers (lower(email)) WHERE deleted_at IS NULL`,
  `CREATE INDEX customers_phone_idx ON customers (phone) WHERE deleted_at IS NULL`,
  `CREATE INDEX customers_deleted_idx ON customers (deleted_at, id) WHERE deleted_at IS NOT NULL`,
  `CREATE TABLE contacts (
     id uuid PRIMARY KEY,
     customer_id uuid NOT NULL REFERENCES customers(id),
     name text NOT NULL,
     title text,
     email text,
     phone text,
     is_primary boolean NOT NULL DEFAULT false,
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid,
     version integer NOT NULL DEFAULT 1,
     deleted_at timestamptz(3),
     search_text text GENERATED ALWAYS AS (
       lower(name || ' ' || coalesce(title, '') || ' ' || coalesce(email, '') || ' ' ||
             coalesce(regexp_replace(phone, '[^0-9]', '', 'g'), ''))
     ) STORED
   )`,
  `CREATE INDEX contacts_customer_idx ON contacts (customer_id, name, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX contacts_name_idx ON contacts (name, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX contacts_created_idx ON contacts (created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX contacts_search_idx ON contacts USING gin (search_text gin_trgm_ops)`,
  `CREATE INDEX contacts_deleted_idx ON contacts (deleted_at, id) WHERE deleted_at IS NOT NULL`,
  `CREATE UNIQUE INDEX contacts_one_primary ON contacts (customer_id) WHERE is_primary AND deleted_at IS NULL`,
]

const downStatements = [
  'DROP TABLE contacts',
  'DROP TABLE customers',
  'DROP TABLE audit_log',
  'DROP TABLE login_attempts',
  'DROP TABLE api_tokens',
  'DROP TABLE sessions',
  'DROP TABLE users',
  'DROP TABLE teams',
  'DROP TABLE settings',
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of downStatements) await sql.raw(statement).execute(db)
}
