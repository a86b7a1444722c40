import { sql, type Kysely } from 'kysely'

/**
 * Analytics (数据分析与报表): sales targets for the forecast and quota attainment, each customer's
 * last touch kept current by triggers (customers at risk become one indexed range instead of a
 * scan of every activity), and covering indexes so the reports over a year of deals read the
 * index alone.
 */
const live = 'WHERE deleted_at IS NULL'

const upStatements = [
  `CREATE TABLE sales_targets (
     id uuid PRIMARY KEY,
     month date NOT NULL CHECK (extract(day FROM month) = 1),
     owner_id uuid REFERENCES users(id),
     team_id uuid REFERENCES teams(id),
     amount numeric(18,2) NOT NULL CHECK (amount >= 0),
     currency char(3) NOT NULL,
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid,
     version integer NOT NULL DEFAULT 1,
     CHECK (owner_id IS NULL OR team_id IS NULL)
   )`,
  // One target per month and person, per month and team, and per month for the company.
  `CREATE UNIQUE INDEX sales_targets_key_idx ON sales_targets (month, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'), coalesce(team_id, '00000000-0000-0000-0000-000000000000'), currency)`,

  // Each customer's last touch (activity or order; its creation until then), kept by triggers in a
  // narrow table of its own: adding it costs one pass over the activities, not a rewrite of customers.
  `CREATE TABLE customer_touches (
     customer_id uuid PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
     last_at timestamptz(3) NOT NULL
   )`,
  `INSERT INTO customer_touches (customer_id, last_at)
   SELECT c.id, greatest(c.created_at, a.at, o.at)
     FROM customers c
     LEFT JOIN (SELECT customer_id, max(created_at) AS at FROM activities WHERE deleted_at IS NULL AND customer_id IS NOT NULL GROUP BY customer_id) a ON a.customer_id = c.id
     LEFT JOIN (SELECT customer_id, max(ordered_at) AS at FROM orders WHERE deleted_at IS NULL GROUP BY customer_id) o ON o.customer_id = c.id`,
  `CREATE INDEX customer_touches_last_idx ON customer_touches (last_at, customer_id)`,
  // Statement-level with transition tables: a bulk insert costs one statement, not one per row.
  `CREATE FUNCTION kith_touch_new_customers() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO customer_touches (customer_id, last_at) SELECT id, created_at FROM touched ON CONFLICT (customer_id) DO NOTHING;
     RETURN NULL;
   END $$`,
  ...(['activities', 'orders'] as const).map((table) => {
    const at = table === 'orders' ? 'ordered_at' : 'created_at'
    return `CREATE FUNCTION kith_touch_customers_from_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO customer_touches (customer_id, last_at)
     SELECT customer_id, max(${at}) FROM touched WHERE customer_id IS NOT NULL GROUP BY customer_id
     ON CONFLICT (customer_id) DO UPDATE SET last_at = greatest(customer_touches.last_at, excluded.last_at);
     RETURN NULL;
   END $$`
  }),
  `CREATE TRIGGER customers_touch AFTER INSERT ON customers REFERENCING NEW TABLE AS touched
     FOR EACH STATEMENT EXECUTE FUNCTION kith_touch_new_customers()`,
  `CREATE TRIGGER activities_touch_customers AFTER INSERT ON activities REFERENCING NEW TABLE AS touched
     FOR EACH STATEMENT EXECUTE FUNCTION kith_touch_customers_from_activities()`,
  `CREATE TRIGGER orders_touch_customers AFTER INSERT ON orders REFERENCING NEW TABLE AS touched
     FOR EACH STATEMENT EXECUTE FUNCTION kith_touch_customers_from_orders()`,

  `CREATE INDEX opportunities_report_created_idx ON opportunities (created_at) INCLUDE (stage, currency, amount, owner_id, team_id) ${live}`,
  `CREATE INDEX opportunities_report_closed_idx ON opportunities (closed_at) INCLUDE (stage, currency, amount, owner_id, team_id, created_at, lead_id, campaign_id) ${live} AND closed_at IS NOT NULL`,
  `CREATE INDEX opportunities_report_expected_idx ON opportunities (expected_close_date) INCLUDE (stage, currency, amount, probability, owner_id, team_id) ${live}`,
  `CREATE INDEX leads_report_created_idx ON leads (created_at) INCLUDE (source, campaign_id, status, owner_id, team_id, converted_opportunity_id) ${live}`,
]

const downStatements = [
  'DROP INDEX leads_report_created_idx',
  'DROP INDEX opportunities_report_expected_idx',
  'DROP INDEX opportunities_report_closed_idx',
  'DROP INDEX opportunities_report_created_idx',
  'DROP TRIGGER orders_touch_customers ON orders',
  'DROP TRIGGER activities_touch_customers ON activities',
  'DROP TRIGGER customers_touch ON customers',
  'DROP FUNCTION kith_touch_customers_from_orders()',
  'DROP FUNCTION kith_touch_customers_from_activities()',
  'DROP FUNCTION kith_touch_new_customers()',
  'DROP TABLE customer_touches',
  'DROP TABLE sales_targets',
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of downStatements) await sql.raw(statement).execute(db)
}
