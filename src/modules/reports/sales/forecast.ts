import { sql, type RawBuilder } from 'kysely'
import Big from 'big.js'
import { col, foldMoney, fxColumns, fxJoin, fxSpec, Money, monthOf, monthsBetween, ownedBy, sumMoney, totalOf, within, type FxRow, type ReportDefinition, type ReportInput } from '../report'
import { dealDrill, monthPeriod } from '../drill'
import { undatedOpen, undatedRow } from './undated'

/**
 * By month: open deals weighted by probability (amount × probability) where they are expected to
 * close, what was won, and the target; open deals without an expected close date in a row after
 * the months (in no month, but still to be won). Whose target: the ownerId or teamId filter; otherwise a
 * sales rep's own, a manager's team's, the company's for an admin.
 */
export const forecast: ReportDefinition = {
  name: 'forecast',
  async run(input) {
    const { db, lang, params } = input
    const target = input.fx.target
    const fxOpen = fxSpec(input, 'o.currency', 'today')
    const fxWon = fxSpec(input, 'o.currency', 'closed', 'o.closed_at')
    type Open = FxRow & { m: string; weightedNative: string; weightedConv: string; amountNative: string; amountConv: string }
    // Independent reads: on PostgreSQL each takes its own pooled connection, so they overlap.
    const [open, won, targets, undated] = await Promise.all([
      sql<Open>`
      SELECT ${monthOf(input, 'o.expected_close_date', 'date')} AS m,
             ${fxColumns(fxOpen, { weighted: sql`o.amount * o.probability / 100`, amount: sql`o.amount` })}
        FROM opportunities o JOIN pipeline_stages s ON s.key = o.stage AND s.kind = 'open'
        ${fxJoin(fxOpen)}
       WHERE o.deleted_at IS NULL
         AND o.expected_close_date BETWEEN ${params.from}::date AND ${params.to}::date AND ${ownedBy(input, 'o')}
       GROUP BY 1, o.currency`.execute(db),
      sql<FxRow & { m: string; wonNative: string; wonConv: string }>`
      SELECT ${monthOf(input, 'o.closed_at')} AS m, ${fxColumns(fxWon, { won: sql`o.amount` })}
        FROM opportunities o JOIN pipeline_stages s ON s.key = o.stage AND s.kind = 'won'
        ${fxJoin(fxWon)}
       WHERE o.deleted_at IS NULL AND o.closed_at IS NOT NULL
         AND ${within(input, 'o.closed_at')} AND ${ownedBy(input, 'o')}
       GROUP BY 1, o.currency`.execute(db),
      sql<{ m: string; amount: string }>`
      SELECT to_char(t.month, 'YYYY-MM') AS m, sum(t.amount)::text AS amount
        FROM sales_targets t
       WHERE t.currency = ${params.currency} AND t.month BETWEEN date_trunc('month', ${params.from}::date) AND ${params.to}::date
         AND ${whoseTarget(input)}
       GROUP BY 1`.execute(db),
      undatedOpen(input),
    ])
    const o = foldMoney(input, open.rows, (r) => r.m, ['weighted', 'amount'] as const)
    const w = foldMoney(input, won.rows, (r) => r.m, ['won'] as const)
    const t = new Map(targets.rows.map((r) => [r.m, r]))
    const zero = () => new Money(target)
    const rows = monthsBetween(params.from, params.to).map((m) => {
      const wonMoney = w.get(m)?.money.won ?? zero()
      const targetAmount = t.get(m)?.amount ?? null
      return {
        month: m,
        weighted: (o.get(m)?.money.weighted ?? zero()).value,
        amount: (o.get(m)?.money.amount ?? zero()).value,
        wonAmount: wonMoney.value,
        target: targetAmount,
        attainment: ratio(wonMoney.converted, targetAmount),
        drill: dealDrill(input, 'close', { status: 'open' }, monthPeriod(input, m)),
      }
    })
    const extra = undatedRow(input, undated, 'month')
    const all = [...rows, ...(extra ? [{ ...extra.row, wonAmount: null, target: null, attainment: null }] : [])]
    const openGroups = [...o.values(), ...(extra ? [undated] : [])]
    const wonTotal = totalOf(target, w.values(), 'won')
    const targetTotal = targets.rows.length ? sumMoney(targets.rows.map((r) => r.amount)) : null
    return {
      columns: [
        col(lang, 'month', 'month'), col(lang, 'weighted', 'money'), col(lang, 'amount', 'money'),
        col(lang, 'wonAmount', 'money'), col(lang, 'target', 'money'), col(lang, 'attainment', 'percent'),
      ],
      rows: all,
      notes: extra ? [extra.note] : [],
      totals: {
        weighted: totalOf(target, openGroups, 'weighted').value, amount: totalOf(target, openGroups, 'amount').value, wonAmount: wonTotal.value, target: targetTotal,
        attainment: ratio(wonTotal.converted, targetTotal),
      },
    }
  },
}

/** Won as a percentage of the target, one decimal, exact up to the rounding. */
const ratio = (won: string | null, target: string | null): number | null =>
  won !== null && target && new Big(target).gt(0) ? Number(new Big(won).div(target).times(100).toFixed(1)) : null

/** The service has already narrowed a rep to himself and a manager to his team (reports.service.ts). */
function whoseTarget(input: ReportInput): RawBuilder<boolean> {
  const { params } = input
  if (params.ownerId) return sql<boolean>`t.owner_id = ${params.ownerId}::uuid`
  if (params.teamId) return sql<boolean>`t.team_id = ${params.teamId}::uuid`
  return sql<boolean>`t.owner_id IS NULL AND t.team_id IS NULL`
}
