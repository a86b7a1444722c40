import { sql } from 'kysely'
import { col, monthsBetween, orNone, ownedBy, sumMoney, type ReportDefinition } from '../report'
import { groupDrill } from '../drill'
import { groupDimension } from './dimensions'
import { undatedOpen, undatedRow } from './undated'

/**
 * Open deals expected to close in the range, by stage (default), owner, team or close month, and
 * those without an expected close date as a row of their own: they are pipeline too (an import
 * often brings thousands), so the totals are over every open deal a spreadsheet would count.
 */
export const pipeline: ReportDefinition = {
  name: 'pipeline',
  async run(input) {
    const { db, lang, params } = input
    const by = params.groupBy ?? 'stage'
    const dim = groupDimension(input, by)
    const [{ rows }, undated] = await Promise.all([
      sql<{ k: string | null; label: string | null; n: number; amount: string; weighted: string; other: number }>`
      SELECT ${dim.key} AS k, ${dim.label} AS label, ${dim.sort} AS sort, count(*)::int AS n,
             coalesce(sum(o.amount) FILTER (WHERE o.currency = ${params.currency}), 0)::text AS amount,
             round(coalesce(sum(o.amount * o.probability / 100) FILTER (WHERE o.currency = ${params.currency}), 0), 2)::text AS weighted,
             (count(*) FILTER (WHERE o.currency <> ${params.currency}))::int AS other
        FROM opportunities o
        JOIN pipeline_stages s ON s.key = o.stage AND s.kind = 'open'
        ${dim.join}
       WHERE o.deleted_at IS NULL
         AND o.expected_close_date BETWEEN ${params.from}::date AND ${params.to}::date
         AND ${ownedBy(input, 'o')}
       GROUP BY 1, 2, 3
       ORDER BY 3, 2`.execute(db),
      undatedOpen(input),
    ])
    const drill = (k: string | null) => groupDrill(input, 'close', dim.filter, k, { status: 'open' })
    let out = rows.map((r) => ({ group: orNone(lang, r.label), count: r.n, amount: r.amount, weighted: r.weighted, drill: drill(r.k) }))
    if (by === 'month') {
      const have = new Map(out.map((r) => [r.group, r]))
      out = monthsBetween(params.from, params.to).map((m) => have.get(m) ?? { group: m, count: 0, amount: '0.00', weighted: '0.00', drill: drill(m) })
    }
    const extra = undatedRow(input, undated, 'group')
    const all = [...out, ...(extra ? [extra.row] : [])]
    return {
      columns: [col(lang, 'group', by === 'month' ? 'month' : 'text', by), col(lang, 'count', 'number'), col(lang, 'amount', 'money'), col(lang, 'weighted', 'money')],
      rows: all,
      totals: { count: all.reduce((s, r) => s + r.count, 0), amount: sumMoney(all.map((r) => r.amount)), weighted: sumMoney(all.map((r) => r.weighted)) },
      notes: extra ? [extra.note] : [],
      otherCurrency: { n: rows.reduce((s, r) => s + r.other, 0) + undated.n - undated.nInCurrency, counted: true },
    }
  },
}
