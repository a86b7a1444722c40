import { sql } from 'kysely'
import { col, foldMoney, fxColumns, fxJoin, fxSpec, Money, monthsBetween, orNone, ownedBy, totalOf, within, type FxRow, type ReportDefinition, type ReportOutput } from '../report'
import { groupDimension } from './dimensions'
import { label } from '../reports.labels'

/** By customer or product, the biggest first: a report, not an export. */
const LIMIT = 500

type Row = FxRow & { k: string | null; label: string | null; n: number; amountNative: string; amountConv: string }

/**
 * Won revenue in the range (the amount of deals won then), by month (default), customer, owner,
 * team or product, each deal valued at the rate of its close date. By product the deal lines'
 * amounts are summed (a deal without lines counts under "(none)" with its whole amount), so the
 * product rows add up to the same total.
 */
export const revenue: ReportDefinition = {
  name: 'revenue',
  async run(input): Promise<ReportOutput> {
    const { db, lang, params } = input
    const by = params.groupBy ?? 'month'
    const fx = fxSpec(input, 'o.currency', 'closed', 'o.closed_at')
    const won = sql`FROM opportunities o JOIN pipeline_stages s ON s.key = o.stage AND s.kind = 'won'`
    const where = sql`o.deleted_at IS NULL AND o.closed_at IS NOT NULL AND ${within(input, 'o.closed_at')} AND ${ownedBy(input, 'o')}`
    // Groups ranked by their converted total (what is convertible of it), the first LIMIT + 1 kept with all their currencies.
    const ranked = (perCurrency: ReturnType<typeof sql>) => sql<Row & { rn: number }>`
      WITH x AS (${perCurrency}),
           g AS (SELECT k, row_number() OVER (ORDER BY sum(amount_conv::numeric) DESC, k) AS rn FROM x GROUP BY k)
      SELECT x.*, g.rn::int AS rn FROM x JOIN g ON g.k IS NOT DISTINCT FROM x.k WHERE g.rn <= ${LIMIT + 1} ORDER BY g.rn`
    const { rows } =
      by === 'product'
        ? await ranked(sql`
            WITH w AS (SELECT o.id, o.amount, o.currency, fx.rate, fx.effective_date ${won} ${fxJoin(fx)} WHERE ${where}),
                 l AS (SELECT coalesce(ln.product_id::text, coalesce(p.name, ln.description)) AS k, coalesce(p.name, ln.description) AS label,
                              ln.opportunity_id, ln.amount, w.currency, w.rate, w.effective_date
                         FROM opportunity_lines ln JOIN w ON w.id = ln.opportunity_id LEFT JOIN products p ON p.id = ln.product_id
                       UNION ALL
                       SELECT NULL, NULL, w.id, w.amount, w.currency, w.rate, w.effective_date FROM w
                        WHERE NOT EXISTS (SELECT 1 FROM opportunity_lines x WHERE x.opportunity_id = w.id))
            SELECT l.k, min(l.label) AS label, count(DISTINCT l.opportunity_id)::int AS n,
                   ${fxColumns({ ...fx, currency: 'l.currency', alias: 'l' }, { amount: sql`l.amount` })}
              FROM l GROUP BY l.k, l.currency`).execute(db)
        : await (async () => {
            const dim = groupDimension(input, by, 'o.closed_at', false)
            const perCurrency = sql`
              SELECT ${dim.key}::text AS k, min(${dim.label}) AS label, count(*)::int AS n, ${fxColumns(fx, { amount: sql`o.amount` })}
              ${won} ${dim.join} ${fxJoin(fx)} WHERE ${where}
              GROUP BY 1, o.currency`
            return by === 'month' ? sql<Row>`${perCurrency} ORDER BY 1`.execute(db) : ranked(perCurrency).execute(db)
          })()
    const groups = [...foldMoney(input, rows, (r) => String(r.k), ['amount'] as const).values()]
    const cut = groups.length > LIMIT
    const kept = groups.slice(0, LIMIT)
    const zero = new Money(input.fx.target).value
    let out = kept.map((g) => ({ group: orNone(lang, g.first.label), count: g.rows.reduce((s, r) => s + r.n, 0), amount: g.money.amount.value }))
    if (by === 'month') {
      const have = new Map(out.map((r) => [r.group, r]))
      out = monthsBetween(params.from, params.to).map((m) => have.get(m) ?? { group: m, count: 0, amount: zero })
    }
    return {
      columns: [col(lang, 'group', by === 'month' ? 'month' : 'text', by), col(lang, 'count', 'number', 'won'), col(lang, 'amount', 'money', 'revenue')],
      rows: out,
      totals: cut ? {} : { amount: totalOf(input.fx.target, kept, 'amount').value },
      notes: cut ? [label(lang, 'note.top', { n: LIMIT })] : [],
    }
  },
}
