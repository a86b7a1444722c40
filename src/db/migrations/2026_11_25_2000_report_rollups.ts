import { sql, type Kysely } from 'kysely'

/**
 * Customer growth counted from a rollup instead of every customer: live customers per UTC day of
 * creation, owner and team, kept current by statement-level triggers in the writing transaction
 * (a customer created a second ago is in the next report). The report adds, at each month
 * boundary of the caller's time zone, the part of that UTC day before the boundary from the
 * customers themselves, so it is exact in any time zone. And covering indexes for the service
 * reports and RFM, which read a year of tickets and orders.
 */
const live = 'deleted_at IS NULL AND merged_into IS NULL'
const day = "(created_at AT TIME ZONE 'UTC')::date"
// One row per day, owner and team with NULL as a value of its own (UNIQUE NULLS NOT DISTINCT would need PostgreSQL 15).
const key = "day, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(team_id, '00000000-0000-0000-0000-000000000000'::uuid)"

/** Adds the grouped deltas; a delta that cancels out (an edit of other fields) writes nothing. */
const apply = (deltas: string) => `
     INSERT INTO customer_daily_counts (day, owner_id, team_id, n)
     SELECT day, owner_id, team_id, sum(n)::int FROM (${deltas}) d GROUP BY 1, 2, 3 HAVING sum(n) <> 0
     ON CONFLICT (${key}) DO UPDATE SET n = customer_daily_counts.n + excluded.n`
const rows = (table: string, sign: 1 | -1) => `SELECT ${day} AS day, owner_id, team_id, ${sign} AS n FROM ${table} WHERE ${live}`

const upStatements = [
  `CREATE TABLE customer_daily_counts (
     day date NOT NULL,
     owner_id uuid,
     team_id uuid,
     n integer NOT NULL
   )`,
  `CREATE UNIQUE INDEX customer_daily_counts_key ON customer_daily_counts (${key})`,
  `INSERT INTO customer_daily_counts (day, owner_id, team_id, n)
   SELECT ${day}, owner_id, team_id, count(*) FROM customers WHERE ${live} GROUP BY 1, 2, 3`,
  `CREATE FUNCTION kith_count_customers_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN ${apply(rows('new_rows', 1))}; RETURN NULL; END $$`,
  `CREATE FUNCTION kith_count_customers_updated() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN ${apply(`${rows('old_rows', -1)} UNION ALL ${rows('new_rows', 1)}`)}; RETURN NULL; END $$`,
  `CREATE FUNCTION kith_count_customers_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN ${apply(rows('old_rows', -1))}; RETURN NULL; END $$`,
  `CREATE TRIGGER customers_count_inserted AFTER INSERT ON customers REFERENCING NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION kith_count_customers_inserted()`,
  `CREATE TRIGGER customers_count_updated AFTER UPDATE ON customers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION kith_count_customers_updated()`,
  `CREATE TRIGGER customers_count_deleted AFTER DELETE ON customers REFERENCING OLD TABLE AS old_rows
     FOR EACH STATEMENT EXECUTE FUNCTION kith_count_customers_deleted()`,
  `CREATE INDEX tickets_report_created_idx ON tickets (created_at)
     INCLUDE (type, channel, priority, status, assignee_id, first_responded_at, resolved_at) WHERE deleted_at IS NULL`,
  `CREATE INDEX orders_report_ordered_idx ON orders (ordered_at) INCLUDE (customer_id, total, status, currency) WHERE deleted_at IS NULL`,
]

const downStatements = [
  'DROP INDEX orders_report_ordered_idx',
  'DROP INDEX tickets_report_created_idx',
  'DROP TRIGGER customers_count_deleted ON customers',
  'DROP TRIGGER customers_count_updated ON customers',
  'DROP TRIGGER customers_count_inserted ON customers',
  'DROP FUNCTION kith_count_customers_deleted()',
  'DROP FUNCTION kith_count_customers_updated()',
  'DROP FUNCTION kith_count_customers_inserted()',
  'DROP TABLE customer_daily_counts',
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of downStatements) await sql.raw(statement).execute(db)
}
