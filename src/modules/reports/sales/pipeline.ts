import { sql } from 'kysely'
import { col, foldMoney, fxColumns, fxJoin, fxSpec, monthsBetween, Money, orNone, ownedBy, totalOf, type FxRow, type ReportDefinition } from '../report'
import { groupDrill } from '../drill'
import { groupDimension } from './dimensions'
import { undatedOpen, undatedRow } from './undated'

/**
 * Open deals expected to close in the range, by stage (default), owner, team or close month, and
 * those without an expected close date as a row of their own: they are pipeline too (an import
 * often brings thousands), so the totals are over every open deal a spreadsheet would count.
 * Amounts in other currencies are valued at today's rate (they have not closed yet).
 */
export const pipeline: ReportDefinition = {
  name: 'pipeline',
  async run(input) {
    const { db, lang, params } = input
    const by = params.groupBy ?? 'stage'
    const dim = groupDimension(input, by)
    const fx = fxSpec(input, 'o.currency', 'today')
    const [{ rows }, undated] = await Promise.all([
      sql<FxRow & { k: string | null; label: string | null; n: number; amountNative: string; amountConv: string; weightedNative: string; weightedConv: string }>`
      SELECT ${dim.key} AS k, ${dim.label} AS label, ${dim.sort} AS sort, count(*)::int AS n,
             ${fxColumns(fx, { amount: sql`o.amount`, weighted: sql`o.amount * o.probability / 100` })}
        FROM opportunities o
        JOIN pipeline_stages s ON s.key = o.stage AND s.kind = 'open'
        ${dim.join}
        ${fxJoin(fx)}
       WHERE o.deleted_at IS NULL
         AND o.expected_close_date BETWEEN ${params.from}::date AND ${params.to}::date
         AND ${ownedBy(input, 'o')}
       GROUP BY 1, 2, 3, o.currency
       ORDER BY 3, 2`.execute(db),
      undatedOpen(input),
    ])
    const drill = (k: string | null) => groupDrill(input, 'close', dim.filter, k, { status: 'open' })
    const groups = foldMoney(input, rows, (r) => String(r.k), ['amount', 'weighted'] as const)
    const zero = new Money(input.fx.target).value
    let out = [...groups.values()].map((g) => ({
      group: orNone(lang, g.first.label), count: g.rows.reduce((s, r) => s + r.n, 0), amount: g.money.amount.value, weighted: g.money.weighted.value, drill: drill(g.first.k),
    }))
    if (by === 'month') {
      const have = new Map(out.map((r) => [r.group, r]))
      out = monthsBetween(params.from, params.to).map((m) => have.get(m) ?? { group: m, count: 0, amount: zero, weighted: zero, drill: drill(m) })
    }
    const extra = undatedRow(input, undated, 'group')
    const all = [...out, ...(extra ? [extra.row] : [])]
    const sources = [...groups.values(), ...(extra ? [undated] : [])]
    return {
      columns: [col(lang, 'group', by === 'month' ? 'month' : 'text', by), col(lang, 'count', 'number'), col(lang, 'amount', 'money'), col(lang, 'weighted', 'money')],
      rows: all,
      totals: { count: all.reduce((s, r) => s + r.count, 0), amount: totalOf(input.fx.target, sources, 'amount').value, weighted: totalOf(input.fx.target, sources, 'weighted').value },
      notes: extra ? [extra.note] : [],
    }
  },
}
