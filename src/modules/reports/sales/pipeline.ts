import { sql } from 'kysely'
import { col, monthsBetween, orNone, ownedBy, sumMoney, type ReportDefinition } from '../report'
import { groupDimension } from './dimensions'

/** Open deals expected to close in the range, by stage (default), owner, team or close month. */
export const pipeline: ReportDefinition = {
  name: 'pipeline',
  async run(input) {
    const { db, lang, params } = input
    const by = params.groupBy ?? 'stage'
    const dim = groupDimension(input, by)
    const { rows } = await sql<{ k: string | null; label: string | null; n: number; amount: string; weighted: string; other: number }>`
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
       ORDER BY 3, 2`.execute(db)
    const drill = (k: string | null) => ({ resource: 'opportunities' as const, filters: { status: 'open', ...(k && dim.filter ? { [dim.filter]: k } : {}) } })
    let out = rows.map((r) => ({ group: orNone(lang, r.label), count: r.n, amount: r.amount, weighted: r.weighted, drill: drill(r.k) }))
    if (by === 'month') {
      const have = new Map(out.map((r) => [r.group, r]))
      out = monthsBetween(params.from, params.to).map((m) => have.get(m) ?? { group: m, count: 0, amount: '0.00', weighted: '0.00', drill: drill(m) })
    }
    return {
      columns: [col(lang, 'group', by === 'month' ? 'month' : 'text', by), col(lang, 'count', 'number'), col(lang, 'amount', 'money'), col(lang, 'weighted', 'money')],
      rows: out,
      totals: { count: rows.reduce((s, r) => s + r.n, 0), amount: sumMoney(rows.map((r) => r.amount)), weighted: sumMoney(rows.map((r) => r.weighted)) },
      otherCurrency: { n: rows.reduce((s, r) => s + r.other, 0), counted: true },
    }
  },
}
