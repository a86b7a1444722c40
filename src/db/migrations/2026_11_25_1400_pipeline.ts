import { sql, type Kysely } from 'kysely'

/**
 * The sales pipeline: admin-configurable stages, opportunities (销售机会) and their product lines.
 *
 * - Stages are referenced by their `key` (text) from opportunities.stage; a key is unique among
 *   the live stages, and at most one live stage is of kind `won` (the service keeps exactly one).
 * - Money is numeric(18,2) and quantities numeric(18,4): the drivers hand numeric back as strings.
 * - lead_id, campaign_id and product_id have no foreign key yet: those tables come later.
 * - The board reads a rep's pipeline (his team's deals, plus his own stamped with another team)
 *   through (team_id, stage, expected_close_date, id) and (owner_id, team_id, stage, …) in order,
 *   and counts and sums it by index-only scans of (team_id, stage, currency) INCLUDE (amount) and
 *   of the owner index (see boardArms in opportunities.repository.ts).
 */
const stages: [id: string, key: string, name: string, nameEn: string, probability: number, kind: 'open' | 'won' | 'lost'][] = [
  ['0193b9a0-0000-7000-8000-000000000001', 'qualification', '初步接触', 'Qualification', 10, 'open'],
  ['0193b9a0-0000-7000-8000-000000000002', 'needs_analysis', '需求分析', 'Needs analysis', 30, 'open'],
  ['0193b9a0-0000-7000-8000-000000000003', 'proposal', '报价', 'Proposal', 60, 'open'],
  ['0193b9a0-0000-7000-8000-000000000004', 'negotiation', '谈判', 'Negotiation', 80, 'open'],
  ['0193b9a0-0000-7000-8000-000000000005', 'won', '成交', 'Won', 100, 'won'],
  ['0193b9a0-0000-7000-8000-000000000006', 'lost', '丢单', 'Lost', 0, 'lost'],
]

const live = 'WHERE deleted_at IS NULL'

const upStatements = [
  `CREATE TABLE pipeline_stages (
     id uuid PRIMARY KEY,
     key text NOT NULL,
     name text NOT NULL,
     name_en text,
     position integer NOT NULL,
     probability integer NOT NULL CHECK (probability BETWEEN 0 AND 100),
     kind text NOT NULL DEFAULT 'open' CHECK (kind IN ('open','won','lost')),
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid,
     version integer NOT NULL DEFAULT 1,
     deleted_at timestamptz(3)
   )`,
  `CREATE UNIQUE INDEX pipeline_stages_key ON pipeline_stages (key) ${live}`,
  `CREATE UNIQUE INDEX pipeline_stages_one_won ON pipeline_stages (kind) WHERE kind = 'won' AND deleted_at IS NULL`,
  `INSERT INTO pipeline_stages (id, key, name, name_en, position, probability, kind) VALUES ${stages
    .map(([id, key, name, nameEn, probability, kind], i) => `('${id}', '${key}', '${name}', '${nameEn}', ${i + 1}, ${probability}, '${kind}')`)
    .join(', ')}`,
  `CREATE TABLE opportunities (
     id uuid PRIMARY KEY,
     name text NOT NULL,
     customer_id uuid NOT NULL REFERENCES customers(id),
     contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
     owner_id uuid REFERENCES users(id),
     team_id uuid REFERENCES teams(id),
     stage text NOT NULL,
     amount numeric(18,2) NOT NULL DEFAULT 0 CHECK (amount >= 0),
     currency char(3) NOT NULL DEFAULT 'CNY',
     probability integer NOT NULL CHECK (probability BETWEEN 0 AND 100),
     expected_close_date date,
     lost_reason text,
     campaign_id uuid,
     lead_id uuid,
     closed_at timestamptz(3),
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid,
     version integer NOT NULL DEFAULT 1,
     deleted_at timestamptz(3),
     search_text text GENERATED ALWAYS AS (lower(name)) STORED
   )`,
  // Board and the ownerId / teamId filters (with stage, close month, expected close date order).
  `CREATE INDEX opportunities_owner_stage_idx ON opportunities (owner_id, team_id, stage, expected_close_date, id) INCLUDE (currency, amount) ${live}`,
  `CREATE INDEX opportunities_team_stage_idx ON opportunities (team_id, stage, expected_close_date, id) ${live}`,
  // Board totals of a team, read in (stage, currency) order: a narrow index-only scan, no hashing.
  `CREATE INDEX opportunities_team_totals_idx ON opportunities (team_id, stage, currency) INCLUDE (amount) ${live}`,
  // Admin / read-all board and the stage and status filters.
  `CREATE INDEX opportunities_stage_idx ON opportunities (stage, expected_close_date, id) INCLUDE (currency, amount) ${live}`,
  // A rep's list in its default order, and a customer's deals.
  `CREATE INDEX opportunities_owner_created_idx ON opportunities (owner_id, created_at, id) ${live}`,
  `CREATE INDEX opportunities_team_created_idx ON opportunities (team_id, created_at, id) ${live}`,
  `CREATE INDEX opportunities_customer_idx ON opportunities (customer_id, created_at, id) ${live}`,
  // Sorts (and closeMonth through expected_close_date).
  `CREATE INDEX opportunities_name_idx ON opportunities (name, id) ${live}`,
  `CREATE INDEX opportunities_created_idx ON opportunities (created_at, id) ${live}`,
  `CREATE INDEX opportunities_updated_idx ON opportunities (updated_at, id) ${live}`,
  // Deals without an expected close date sort last, as if due on 9999-12-31 (a keyset needs no NULLs).
  `CREATE INDEX opportunities_close_idx ON opportunities ((coalesce(expected_close_date, '9999-12-31'::date)), id) ${live}`,
  `CREATE INDEX opportunities_amount_idx ON opportunities (amount, id) ${live}`,
  `CREATE INDEX opportunities_search_idx ON opportunities USING gin (search_text gin_trgm_ops)`,
  `CREATE INDEX opportunities_deleted_idx ON opportunities (deleted_at, id) WHERE deleted_at IS NOT NULL`,
  // Customer merge/purge of every deal (deleted ones too), lead conversion and campaign reports.
  `CREATE INDEX opportunities_customer_all_idx ON opportunities (customer_id)`,
  `CREATE INDEX opportunities_contact_idx ON opportunities (contact_id) WHERE contact_id IS NOT NULL`,
  `CREATE INDEX opportunities_lead_idx ON opportunities (lead_id) WHERE lead_id IS NOT NULL`,
  `CREATE INDEX opportunities_campaign_idx ON opportunities (campaign_id) WHERE campaign_id IS NOT NULL`,
  `CREATE TABLE opportunity_lines (
     id uuid PRIMARY KEY,
     opportunity_id uuid NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
     position integer NOT NULL,
     product_id uuid,
     description text NOT NULL,
     quantity numeric(18,4) NOT NULL CHECK (quantity >= 0),
     unit_price numeric(18,2) NOT NULL CHECK (unit_price >= 0),
     discount_percent numeric(5,2) NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
     amount numeric(18,2) NOT NULL
   )`,
  `CREATE INDEX opportunity_lines_opportunity_idx ON opportunity_lines (opportunity_id, position)`,
]

const downStatements = ['DROP TABLE opportunity_lines', 'DROP TABLE opportunities', 'DROP TABLE pipeline_stages']

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of downStatements) await sql.raw(statement).execute(db)
}
