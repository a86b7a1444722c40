import { sql, type Kysely } from 'kysely'

/**
 * A customer's last touch is the last thing that passed between us and them: an activity, an order,
 * a ticket opened, a deal won or lost, a campaign or quote e-mail sent to them or their contacts.
 * Until now only activities and orders counted, and a customer never touched had its creation as
 * its last touch, so customers imported together with no history were "touched" that day and none
 * counted as silent. A customer never touched now has no last touch (NULL): silent since created.
 */
const upsert = (select: string) => `
     INSERT INTO customer_touches (customer_id, last_at)
     SELECT customer_id, max(at) FROM (${select}) x WHERE customer_id IS NOT NULL AND at IS NOT NULL GROUP BY customer_id
     ON CONFLICT (customer_id) DO UPDATE SET last_at = greatest(customer_touches.last_at, excluded.last_at)`

// The customer a campaign recipient is, directly or through one of its contacts (leads are not customers).
const recipientCustomer = `CASE n.member_kind WHEN 'customer' THEN n.member_id WHEN 'contact' THEN (SELECT ct.customer_id FROM contacts ct WHERE ct.id = n.member_id) END`

/** Each source: the touches of new rows, and of updated rows whose touch time changed. */
const sources = [
  { table: 'tickets', insert: `SELECT n.customer_id, n.created_at AS at FROM touched n` },
  {
    table: 'opportunities',
    insert: `SELECT n.customer_id, n.closed_at AS at FROM touched n`,
    update: `SELECT n.customer_id, n.closed_at AS at FROM touched n JOIN old_rows o ON o.id = n.id WHERE n.closed_at IS DISTINCT FROM o.closed_at`,
  },
  {
    table: 'campaign_recipients',
    insert: `SELECT ${recipientCustomer} AS customer_id, n.sent_at AS at FROM touched n WHERE n.state = 'sent'`,
    update: `SELECT ${recipientCustomer} AS customer_id, n.sent_at AS at FROM touched n JOIN old_rows o ON o.id = n.id WHERE n.state = 'sent' AND n.sent_at IS DISTINCT FROM o.sent_at`,
  },
  {
    table: 'quote_sends',
    insert: `SELECT q.customer_id, n.sent_at AS at FROM touched n JOIN quotes q ON q.id = n.quote_id`,
    update: `SELECT q.customer_id, n.sent_at AS at FROM touched n JOIN old_rows o ON o.id = n.id JOIN quotes q ON q.id = n.quote_id WHERE n.sent_at IS DISTINCT FROM o.sent_at`,
  },
] as const

const fn = (name: string, body: string) => `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN ${body};
     RETURN NULL;
   END $$`

/** Every touch there is, per customer: what the triggers keep, computed once for the rows already there. */
const everyTouch = `
  SELECT customer_id, created_at AS at FROM activities WHERE deleted_at IS NULL
  UNION ALL SELECT customer_id, ordered_at FROM orders WHERE deleted_at IS NULL
  UNION ALL SELECT customer_id, created_at FROM tickets WHERE deleted_at IS NULL
  UNION ALL SELECT customer_id, closed_at FROM opportunities WHERE deleted_at IS NULL
  UNION ALL SELECT ${recipientCustomer}, n.sent_at FROM campaign_recipients n WHERE n.state = 'sent'
  UNION ALL SELECT q.customer_id, s.sent_at FROM quote_sends s JOIN quotes q ON q.id = s.quote_id`

const upStatements = [
  `DROP INDEX customer_touches_last_idx`,
  `ALTER TABLE customer_touches ALTER COLUMN last_at DROP NOT NULL`,
  `CREATE OR REPLACE FUNCTION kith_touch_new_customers() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO customer_touches (customer_id, last_at) SELECT id, NULL FROM touched ON CONFLICT (customer_id) DO NOTHING;
     RETURN NULL;
   END $$`,
  ...sources.flatMap((s) => [
    fn(`kith_touch_customers_from_new_${s.table}`, upsert(s.insert)),
    `CREATE TRIGGER ${s.table}_touch_customers AFTER INSERT ON ${s.table} REFERENCING NEW TABLE AS touched
       FOR EACH STATEMENT EXECUTE FUNCTION kith_touch_customers_from_new_${s.table}()`,
    ...('update' in s
      ? [
          fn(`kith_touch_customers_from_updated_${s.table}`, upsert(s.update)),
          `CREATE TRIGGER ${s.table}_touch_customers_on_update AFTER UPDATE ON ${s.table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS touched
             FOR EACH STATEMENT EXECUTE FUNCTION kith_touch_customers_from_updated_${s.table}()`,
        ]
      : []),
  ]),
  `UPDATE customer_touches SET last_at = NULL`,
  `UPDATE customer_touches t SET last_at = x.at
     FROM (SELECT customer_id, max(at) AS at FROM (${everyTouch}) u WHERE customer_id IS NOT NULL GROUP BY customer_id) x
    WHERE x.customer_id = t.customer_id`,
  // The never touched first (silent longest), in creation order (the ids are time-ordered), then the oldest touch.
  `CREATE INDEX customer_touches_last_idx ON customer_touches (last_at NULLS FIRST, customer_id)`,
]

const downStatements = [
  `DROP INDEX customer_touches_last_idx`,
  ...sources.flatMap((s) => [
    ...('update' in s ? [`DROP TRIGGER ${s.table}_touch_customers_on_update ON ${s.table}`, `DROP FUNCTION kith_touch_customers_from_updated_${s.table}()`] : []),
    `DROP TRIGGER ${s.table}_touch_customers ON ${s.table}`,
    `DROP FUNCTION kith_touch_customers_from_new_${s.table}()`,
  ]),
  `CREATE OR REPLACE FUNCTION kith_touch_new_customers() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO customer_touches (customer_id, last_at) SELECT id, created_at FROM touched ON CONFLICT (customer_id) DO NOTHING;
     RETURN NULL;
   END $$`,
  `UPDATE customer_touches t SET last_at = c.created_at FROM customers c WHERE c.id = t.customer_id AND t.last_at IS NULL`,
  `DELETE FROM customer_touches WHERE last_at IS NULL`,
  `ALTER TABLE customer_touches ALTER COLUMN last_at SET NOT NULL`,
  `CREATE INDEX customer_touches_last_idx ON customer_touches (last_at, customer_id)`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of downStatements) await sql.raw(statement).execute(db)
}
