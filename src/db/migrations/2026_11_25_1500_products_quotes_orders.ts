import { sql, type Kysely } from 'kysely'

/**
 * Products (产品), quotes (报价单) with revisions and their e-mail sends, and orders (订单).
 *
 * - Quote and order numbers come from a counter row per (kind, year), bumped with an upsert in the
 *   transaction that creates the document: the row lock serialises concurrent generators, so
 *   Q-YYYY-NNNN has no duplicates and no gaps except after a rollback.
 * - A quote number has revisions (number, revision); only one of them is the latest, and only the
 *   latest can be edited, sent, accepted or rejected.
 * - Lines of quotes and orders snapshot the product (sku, name, price, tax): a product edited or
 *   deleted later leaves them as quoted. product_id is kept for reports and set null on purge.
 * - One order per quote (orders_quote_key): the last guard against a double accept.
 * - quote_sends: one row per e-mail send, with its Message-ID decided before talking SMTP and the
 *   caller's Idempotency-Key, so a retry finds what already happened instead of mailing again.
 * - opportunity_lines.product_id gains its foreign key: ids that point nowhere (the column had no
 *   table to point at) are cleared first.
 */
const live = 'WHERE deleted_at IS NULL'

const upStatements = [
  `CREATE TABLE document_counters (
     kind text NOT NULL,
     year integer NOT NULL,
     last integer NOT NULL,
     PRIMARY KEY (kind, year)
   )`,
  `CREATE TABLE products (
     id uuid PRIMARY KEY,
     sku text NOT NULL,
     name text NOT NULL,
     description text,
     unit_price numeric(18,2) NOT NULL DEFAULT 0 CHECK (unit_price >= 0),
     currency char(3) NOT NULL DEFAULT 'CNY',
     tax_rate numeric(5,2) NOT NULL DEFAULT 0 CHECK (tax_rate BETWEEN 0 AND 100),
     active boolean NOT NULL DEFAULT true,
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid,
     version integer NOT NULL DEFAULT 1,
     deleted_at timestamptz(3),
     search_text text GENERATED ALWAYS AS (lower(sku || ' ' || name)) STORED
   )`,
  `CREATE UNIQUE INDEX products_sku_key ON products (lower(sku)) ${live}`,
  `CREATE INDEX products_name_idx ON products (name, id) ${live}`,
  `CREATE INDEX products_sku_idx ON products (sku, id) ${live}`,
  `CREATE INDEX products_created_idx ON products (created_at, id) ${live}`,
  `CREATE INDEX products_updated_idx ON products (updated_at, id) ${live}`,
  `CREATE INDEX products_price_idx ON products (unit_price, id) ${live}`,
  `CREATE INDEX products_active_idx ON products (active, name, id) ${live}`,
  `CREATE INDEX products_currency_idx ON products (currency, name, id) ${live}`,
  `CREATE INDEX products_search_idx ON products USING gin (search_text gin_trgm_ops)`,
  `CREATE INDEX products_deleted_idx ON products (deleted_at, id) WHERE deleted_at IS NOT NULL`,

  `CREATE TABLE quotes (
     id uuid PRIMARY KEY,
     number text NOT NULL,
     revision integer NOT NULL DEFAULT 1,
     is_latest boolean NOT NULL DEFAULT true,
     opportunity_id uuid NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
     customer_id uuid NOT NULL REFERENCES customers(id),
     contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
     owner_id uuid REFERENCES users(id),
     team_id uuid REFERENCES teams(id),
     status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','sent','accepted','rejected')),
     currency char(3) NOT NULL,
     language text NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN','en')),
     valid_until date NOT NULL,
     notes text,
     subtotal numeric(18,2) NOT NULL DEFAULT 0,
     discount_total numeric(18,2) NOT NULL DEFAULT 0,
     tax_total numeric(18,2) NOT NULL DEFAULT 0,
     total numeric(18,2) NOT NULL DEFAULT 0,
     sent_at timestamptz(3),
     sent_to text,
     accepted_at timestamptz(3),
     rejected_at timestamptz(3),
     reject_reason text,
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid,
     version integer NOT NULL DEFAULT 1,
     deleted_at timestamptz(3),
     search_text text GENERATED ALWAYS AS (lower(number)) STORED
   )`,
  `CREATE UNIQUE INDEX quotes_number_revision_key ON quotes (number, revision)`,
  `CREATE UNIQUE INDEX quotes_number_latest_key ON quotes (number) WHERE is_latest`,
  `CREATE INDEX quotes_created_idx ON quotes (created_at, id) ${live}`,
  `CREATE INDEX quotes_updated_idx ON quotes (updated_at, id) ${live}`,
  `CREATE INDEX quotes_number_idx ON quotes (number, revision, id) ${live}`,
  `CREATE INDEX quotes_valid_idx ON quotes (valid_until, id) ${live}`,
  `CREATE INDEX quotes_total_idx ON quotes (total, id) ${live}`,
  `CREATE INDEX quotes_status_idx ON quotes (status, valid_until, created_at, id) ${live}`,
  `CREATE INDEX quotes_owner_idx ON quotes (owner_id, created_at, id) ${live}`,
  `CREATE INDEX quotes_team_idx ON quotes (team_id, created_at, id) ${live}`,
  // Whole-table: a deal's or customer's quotes, and the foreign-key checks of their purge.
  `CREATE INDEX quotes_opportunity_idx ON quotes (opportunity_id, created_at, id)`,
  `CREATE INDEX quotes_customer_idx ON quotes (customer_id, created_at, id)`,
  `CREATE INDEX quotes_contact_idx ON quotes (contact_id) WHERE contact_id IS NOT NULL`,
  `CREATE INDEX quotes_search_idx ON quotes USING gin (search_text gin_trgm_ops)`,
  `CREATE TABLE quote_lines (
     id uuid PRIMARY KEY,
     quote_id uuid NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
     position integer NOT NULL,
     product_id uuid REFERENCES products(id) ON DELETE SET NULL,
     sku text,
     description text NOT NULL,
     quantity numeric(18,4) NOT NULL CHECK (quantity >= 0),
     unit_price numeric(18,2) NOT NULL CHECK (unit_price >= 0),
     discount_percent numeric(5,2) NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
     tax_rate numeric(5,2) NOT NULL DEFAULT 0 CHECK (tax_rate BETWEEN 0 AND 100),
     amount numeric(18,2) NOT NULL,
     tax_amount numeric(18,2) NOT NULL
   )`,
  `CREATE INDEX quote_lines_quote_idx ON quote_lines (quote_id, position)`,
  `CREATE INDEX quote_lines_product_idx ON quote_lines (product_id) WHERE product_id IS NOT NULL`,
  `CREATE TABLE quote_sends (
     id uuid PRIMARY KEY,
     quote_id uuid NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
     idempotency_key text,
     message_id text NOT NULL UNIQUE,
     recipients text NOT NULL,
     subject text NOT NULL,
     message text,
     state text NOT NULL DEFAULT 'sending' CHECK (state IN ('sending','sent','failed')),
     attempts integer NOT NULL DEFAULT 1,
     last_error text,
     attempted_at timestamptz(3) NOT NULL DEFAULT now(),
     sent_at timestamptz(3),
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid
   )`,
  `CREATE UNIQUE INDEX quote_sends_key ON quote_sends (quote_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
  `CREATE INDEX quote_sends_quote_idx ON quote_sends (quote_id, created_at)`,

  `CREATE TABLE orders (
     id uuid PRIMARY KEY,
     number text NOT NULL UNIQUE,
     quote_id uuid REFERENCES quotes(id) ON DELETE SET NULL,
     opportunity_id uuid REFERENCES opportunities(id) ON DELETE SET NULL,
     customer_id uuid NOT NULL REFERENCES customers(id),
     contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
     owner_id uuid REFERENCES users(id),
     team_id uuid REFERENCES teams(id),
     status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','confirmed','shipped','delivered','cancelled')),
     currency char(3) NOT NULL,
     subtotal numeric(18,2) NOT NULL DEFAULT 0,
     discount_total numeric(18,2) NOT NULL DEFAULT 0,
     tax_total numeric(18,2) NOT NULL DEFAULT 0,
     total numeric(18,2) NOT NULL DEFAULT 0,
     ordered_at timestamptz(3) NOT NULL DEFAULT now(),
     ship_date date,
     delivered_at timestamptz(3),
     cancelled_at timestamptz(3),
     notes text,
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid,
     version integer NOT NULL DEFAULT 1,
     deleted_at timestamptz(3),
     search_text text GENERATED ALWAYS AS (lower(number)) STORED
   )`,
  `CREATE UNIQUE INDEX orders_quote_key ON orders (quote_id) WHERE quote_id IS NOT NULL`,
  `CREATE INDEX orders_created_idx ON orders (created_at, id) ${live}`,
  `CREATE INDEX orders_updated_idx ON orders (updated_at, id) ${live}`,
  `CREATE INDEX orders_ordered_idx ON orders (ordered_at, id) ${live}`,
  `CREATE INDEX orders_number_idx ON orders (number, id) ${live}`,
  `CREATE INDEX orders_total_idx ON orders (total, id) ${live}`,
  `CREATE INDEX orders_ship_idx ON orders ((coalesce(ship_date, '9999-12-31'::date)), id) ${live}`,
  `CREATE INDEX orders_status_idx ON orders (status, created_at, id) ${live}`,
  `CREATE INDEX orders_owner_idx ON orders (owner_id, created_at, id) ${live}`,
  `CREATE INDEX orders_team_idx ON orders (team_id, created_at, id) ${live}`,
  `CREATE INDEX orders_customer_idx ON orders (customer_id, created_at, id)`,
  `CREATE INDEX orders_opportunity_idx ON orders (opportunity_id) WHERE opportunity_id IS NOT NULL`,
  `CREATE INDEX orders_contact_idx ON orders (contact_id) WHERE contact_id IS NOT NULL`,
  `CREATE INDEX orders_search_idx ON orders USING gin (search_text gin_trgm_ops)`,
  `CREATE TABLE order_lines (
     id uuid PRIMARY KEY,
     order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
     position integer NOT NULL,
     product_id uuid REFERENCES products(id) ON DELETE SET NULL,
     sku text,
     description text NOT NULL,
     quantity numeric(18,4) NOT NULL CHECK (quantity >= 0),
     unit_price numeric(18,2) NOT NULL CHECK (unit_price >= 0),
     discount_percent numeric(5,2) NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
     tax_rate numeric(5,2) NOT NULL DEFAULT 0 CHECK (tax_rate BETWEEN 0 AND 100),
     amount numeric(18,2) NOT NULL,
     tax_amount numeric(18,2) NOT NULL
   )`,
  `CREATE INDEX order_lines_order_idx ON order_lines (order_id, position)`,
  `CREATE INDEX order_lines_product_idx ON order_lines (product_id) WHERE product_id IS NOT NULL`,

  `UPDATE opportunity_lines SET product_id = NULL WHERE product_id IS NOT NULL`,
  `ALTER TABLE opportunity_lines ADD CONSTRAINT opportunity_lines_product_fkey FOREIGN KEY (product_id) REFERENCES products(id) ON DELETE SET NULL`,
  `CREATE INDEX opportunity_lines_product_idx ON opportunity_lines (product_id) WHERE product_id IS NOT NULL`,
]

const downStatements = [
  'DROP INDEX opportunity_lines_product_idx',
  'ALTER TABLE opportunity_lines DROP CONSTRAINT opportunity_lines_product_fkey',
  'DROP TABLE order_lines',
  'DROP TABLE orders',
  'DROP TABLE quote_sends',
  'DROP TABLE quote_lines',
  'DROP TABLE quotes',
  'DROP TABLE products',
  'DROP TABLE document_counters',
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of downStatements) await sql.raw(statement).execute(db)
}
