import { sql } from 'kysely'
import { col, monthsBetween, orNone, otherCurrencyDeals, ownedBy, sumMoney, within, type ReportDefinition, type ReportOutput } from '../report'
import { groupDimension } from './dimensions'
import { label } from '../reports.labels'

/** By customer or product, the biggest first: a report, not an export. */
const LIMIT = 500

/**
 * Won revenue in the range (the amount of deals won then), by month (default), customer, owner,
 * team or product. By product the deal lines' amounts are summed (a deal without lines counts
 * under "(none)" with its whole amount), so the product rows add up to the same total.
 */
export const revenue: ReportDefinition = {
  name: 'revenue',
  async run(input): Promise<ReportOutput> {
    const { db, lang, params } = input
    const by = params.groupBy ?? 'month'
    const won = sql`FROM opportunities o JOIN pipeline_stages s ON s.key = o.stage AND s.kind = 'won'`
    const where = sql`o.deleted_at IS NULL AND o.closed_at IS NOT NULL AND o.currency = ${params.currency} AND ${within(input, 'o.closed_at')} AND ${ownedBy(input, 'o')}`
    const { rows } =
      by === 'product'
        ? await sql<{ k: string | null; label: string | null; n: number; amount: string }>`
            WITH w AS (SELECT o.id, o.amount ${won} WHERE ${where}),
                 l AS (SELECT ln.product_id, coalesce(p.name, ln.description) AS label, ln.opportunity_id, ln.amount
                         FROM opportunity_lines ln JOIN w ON w.id = ln.opportunity_id LEFT JOIN products p ON p.id = ln.product_id)
            SELECT k, label, n, sum::text AS amount FROM (
              SELECT coalesce(l.product_id::text, l.label) AS k, l.label, count(DISTINCT l.opportunity_id)::int AS n, sum(l.amount) AS sum
                FROM l GROUP BY 1, 2
              UNION ALL
              SELECT NULL, NULL, count(*)::int, coalesce(sum(w.amount), 0) FROM w
               WHERE NOT EXISTS (SELECT 1 FROM opportunity_lines x WHERE x.opportunity_id = w.id)) g
            ORDER BY g.sum DESC, g.k LIMIT ${LIMIT + 1}`.execute(db)
        : await (async () => {
            const dim = groupDimension(input, by, 'o.closed_at', false)
            return sql<{ k: string | null; label: string | null; n: number; amount: string }>`
              SELECT ${dim.key} AS k, ${dim.label} AS label, count(*)::int AS n, sum(o.amount)::text AS amount
              ${won} ${dim.join} WHERE ${where}
              GROUP BY 1, 2 ORDER BY ${by === 'month' ? sql`1` : sql`sum(o.amount) DESC, 1`} LIMIT ${LIMIT + 1}`.execute(db)
          })()
    const cut = rows.length > LIMIT
    let out = rows.slice(0, LIMIT).filter((r) => by !== 'product' || r.n > 0).map((r) => ({ group: orNone(lang, r.label), count: r.n, amount: r.amount }))
    if (by === 'month') {
      const have = new Map(out.map((r) => [r.group, r]))
      out = monthsBetween(params.from, params.to).map((m) => have.get(m) ?? { group: m, count: 0, amount: '0.00' })
    }
    return {
      columns: [col(lang, 'group', by === 'month' ? 'month' : 'text', by), col(lang, 'count', 'number', 'won'), col(lang, 'amount', 'money', 'revenue')],
      rows: out,
      totals: cut ? {} : { amount: sumMoney(out.map((r) => r.amount)) },
      notes: cut ? [label(lang, 'note.top', { n: LIMIT })] : [],
      otherCurrency: { n: await otherCurrencyDeals(input, ['won'], sql`o.closed_at IS NOT NULL AND ${within(input, 'o.closed_at')}`), counted: false },
    }
  },
}
