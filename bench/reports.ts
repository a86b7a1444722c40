import type pg from 'pg'
import type { Case, CaseContext } from './cases'
import { REPORT_NAMES, type ReportName } from '../src/modules/reports/reports.schema'
import { REPORT_CATALOG } from '../src/modules/reports/reports.catalog'

const TICKETS = 500_000
const ORDERS = 500_000 // four lines each: 2,000,000 order lines

/**
 * Tickets and orders for the analytics benchmark, generated in SQL (set-based, minutes not hours):
 * spread over the last two years, on random existing customers, with SLA due times, responses,
 * resolutions and ratings; orders with four lines over 200 products.
 */
export async function seedReportData(client: pg.Client, log: (line: string) => void): Promise<string | null> {
  const count = async (table: string) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n)
  const notes: string[] = []
  if ((await count('products')) < 200) {
    await client.query(`INSERT INTO products (id, sku, name, unit_price, currency, tax_rate)
      SELECT gen_random_uuid(), 'BENCH-' || g, '产品 ' || g, (10 + g * 7) % 5000 + 0.99, 'CNY', 13 FROM generate_series(1, 200) g`)
  }
  const customers = `(SELECT array_agg(id) AS ids FROM (SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id LIMIT 200000) x)`
  const haveTickets = await count('tickets')
  if (haveTickets < TICKETS) {
    const started = Date.now()
    await client.query(`INSERT INTO tickets (id, number, type, subject, channel, priority, status, customer_id, created_at,
        first_response_due_at, resolution_due_at, first_responded_at, resolved_at, closed_at, satisfaction)
      SELECT gen_random_uuid(), 'B-' || lpad(g::text, 8, '0'),
             (ARRAY['inquiry','complaint','after_sales'])[1 + g % 3], '工单 ' || g,
             (ARRAY['phone','email','web','chat','in_person'])[1 + g % 5], (ARRAY['low','normal','high','urgent'])[1 + g % 4],
             CASE WHEN g % 10 = 0 THEN 'open' ELSE 'closed' END, c.ids[1 + g % array_length(c.ids, 1)], t.created,
             t.created + interval '4 hours', t.created + interval '3 days',
             t.created + (g % 600) * interval '1 minute',
             CASE WHEN g % 10 = 0 THEN NULL ELSE t.created + (g % 5000) * interval '1 minute' END,
             CASE WHEN g % 10 = 0 THEN NULL ELSE t.created + (g % 5000 + 60) * interval '1 minute' END,
             CASE WHEN g % 10 = 0 OR g % 3 = 0 THEN NULL ELSE 1 + g % 5 END
        FROM generate_series(${haveTickets + 1}, ${TICKETS}) g, ${customers} c,
             LATERAL (SELECT now() - (g % 730) * interval '1 day' - (g % 1440) * interval '1 minute' AS created) t`)
    notes.push(`Tickets: +${(TICKETS - haveTickets).toLocaleString('en-US')} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    log(notes.at(-1)!)
  }
  const haveOrders = await count('orders')
  if (haveOrders < ORDERS) {
    const started = Date.now()
    await client.query(`INSERT INTO orders (id, number, customer_id, status, currency, subtotal, tax_total, total, ordered_at)
      SELECT gen_random_uuid(), 'BSO-' || lpad(g::text, 8, '0'), c.ids[1 + ((g::bigint * 7919) % array_length(c.ids, 1))::int],
             (ARRAY['pending','confirmed','shipped','delivered','delivered','cancelled'])[1 + g % 6], 'CNY',
             0, 0, 0, now() - (g % 730) * interval '1 day'
        FROM generate_series(${haveOrders + 1}, ${ORDERS}) g, ${customers} c`)
    await client.query(`INSERT INTO order_lines (id, order_id, position, product_id, sku, description, quantity, unit_price, tax_rate, amount, tax_amount)
      SELECT gen_random_uuid(), o.id, k, p.id, p.sku, p.name, 1 + k, p.unit_price, 13, (1 + k) * p.unit_price, round((1 + k) * p.unit_price * 0.13, 2)
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM orders WHERE number LIKE 'BSO-%' AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = orders.id)) o
        CROSS JOIN generate_series(1, 4) k
        JOIN LATERAL (SELECT id, sku, name, unit_price FROM products ORDER BY sku OFFSET (o.n * k) % 200 LIMIT 1) p ON true`)
    await client.query(`UPDATE orders o SET subtotal = s.amount, tax_total = s.tax, total = s.amount + s.tax
      FROM (SELECT order_id, sum(amount) AS amount, sum(tax_amount) AS tax FROM order_lines GROUP BY order_id) s
      WHERE s.order_id = o.id AND o.number LIKE 'BSO-%'`)
    notes.push(`Orders: +${(ORDERS - haveOrders).toLocaleString('en-US')} with ${((ORDERS - haveOrders) * 4).toLocaleString('en-US')} lines in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    log(notes.at(-1)!)
  }
  if (notes.length) await client.query('ANALYZE')
  return notes.length ? notes.join('\n') : null
}

/** Every report over the last twelve months, as an admin (everything) and a sales rep (his own). */
export async function reportCases(cc: CaseContext): Promise<Case[]> {
  const to = new Date().toISOString().slice(0, 10)
  const from = new Date(Date.now() - 364 * 86400_000).toISOString().slice(0, 10)
  const cases: Case[] = []
  for (const name of REPORT_NAMES as readonly ReportName[]) {
    for (const role of ['admin', 'sales'] as const) {
      const ctx = cc[role]
      if (!(REPORT_CATALOG[name].roles as readonly string[]).includes(ctx.actor.role)) continue
      const params = { from, to, tz: 'Asia/Shanghai', currency: 'CNY', days: 90, format: 'json' as const, lang: 'zh-CN' as const }
      cc.captured.length = 0
      await cc.services.reports.run(ctx, name, params)
      const sql = cc.captured.map((q) => ({ sql: q.sql, parameters: q.parameters }))
      cases.push({
        group: 'reports', name: `/reports/${name}  (${from} … ${to})`, role,
        paths: [`/api/v1/reports/${name}?${new URLSearchParams({ from, to, tz: 'Asia/Shanghai' })}`], sql: [sql],
        target: { kind: 'p95', ms: 300 },
      })
    }
  }
  return cases
}
