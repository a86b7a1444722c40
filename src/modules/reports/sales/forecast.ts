import { sql, type RawBuilder } from 'kysely'
import Big from 'big.js'
import { col, monthOf, monthsBetween, otherCurrencyDeals, ownedBy, sumMoney, within, type ReportDefinition, type ReportInput } from '../report'
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
    // Independent reads: on PostgreSQL each takes its own pooled connection, so they overlap.
    const [open, won, targets, undated, otherOpen, otherWon] = await Promise.all([
      sql<{ m: string; weighted: string; amount: string }>`
      SELECT ${monthOf(input, 'o.expected_close_date', 'date')} AS m,
             round(sum(o.amount * o.probability / 100), 2)::text AS weighted, sum(o.amount)::text AS amount
        FROM opportunities o JOIN pipeline_stages s ON s.key = o.stage AND s.kind = 'open'
       WHERE o.deleted_at IS NULL AND o.currency = ${params.currency}
         AND o.expected_close_date BETWEEN ${params.from}::date AND ${params.to}::date AND ${ownedBy(input, 'o')}
       GROUP BY 1`.execute(db),
      sql<{ m: string; amount: string }>`
      SELECT ${monthOf(input, 'o.closed_at')} AS m, sum(o.amount)::text AS amount
        FROM opportunities o JOIN pipeline_stages s ON s.key = o.stage AND s.kind = 'won'
       WHERE o.deleted_at IS NULL AND o.closed_at IS NOT NULL AND o.currency = ${params.currency}
         AND ${within(input, 'o.closed_at')} AND ${ownedBy(input, 'o')}
       GROUP BY 1`.execute(db),
      sql<{ m: string; amount: string }>`
      SELECT to_char(t.month, 'YYYY-MM') AS m, sum(t.amount)::text AS amount
        FROM sales_targets t
       WHERE t.currency = ${params.currency} AND t.month BETWEEN date_trunc('month', ${params.from}::date) AND ${params.to}::date
         AND ${whoseTarget(input)}
       GROUP BY 1`.execute(db),
      undatedOpen(input),
      otherCurrencyDeals(input, ['open'], sql`(o.expected_close_date BETWEEN ${params.from}::date AND ${params.to}::date OR o.expected_close_date IS NULL)`),
      otherCurrencyDeals(input, ['won'], sql`o.closed_at IS NOT NULL AND ${within(input, 'o.closed_at')}`),
    ])
    const byMonth = <T extends { m: string }>(rows: T[]) => new Map(rows.map((r) => [r.m, r]))
    const [o, w, t] = [byMonth(open.rows), byMonth(won.rows), byMonth(targets.rows)]
    const rows = monthsBetween(params.from, params.to).map((m) => {
      const wonAmount = w.get(m)?.amount ?? '0.00'
      const target = t.get(m)?.amount ?? null
      return {
        month: m,
        weighted: o.get(m)?.weighted ?? '0.00',
        amount: o.get(m)?.amount ?? '0.00',
        wonAmount,
        target,
        attainment: ratio(wonAmount, target),
        drill: dealDrill(input, 'close', { status: 'open', currency: params.currency }, monthPeriod(input, m)),
      }
    })
    const extra = undatedRow(input, undated, 'month', { currency: true })
    const all = [...rows, ...(extra ? [{ ...extra.row, wonAmount: null, target: null, attainment: null }] : [])]
    const sum = (k: 'weighted' | 'amount' | 'wonAmount') => sumMoney(all.flatMap((r) => (r[k] === null ? [] : [String(r[k])])))
    const targetTotal = targets.rows.length ? sumMoney(targets.rows.map((r) => r.amount)) : null
    return {
      columns: [
        col(lang, 'month', 'month'), col(lang, 'weighted', 'money'), col(lang, 'amount', 'money'),
        col(lang, 'wonAmount', 'money'), col(lang, 'target', 'money'), col(lang, 'attainment', 'percent'),
      ],
      rows: all,
      notes: extra ? [extra.note] : [],
      totals: {
        weighted: sum('weighted'), amount: sum('amount'), wonAmount: sum('wonAmount'), target: targetTotal,
        attainment: ratio(sum('wonAmount'), targetTotal),
      },
      otherCurrency: { n: otherOpen + otherWon, counted: false },
    }
  },
}

/** Won as a percentage of the target, one decimal, exact up to the rounding. */
const ratio = (won: string, target: string | null): number | null =>
  target && new Big(target).gt(0) ? Number(new Big(won).div(target).times(100).toFixed(1)) : null

/** The service has already narrowed a rep to himself and a manager to his team (reports.service.ts). */
function whoseTarget(input: ReportInput): RawBuilder<boolean> {
  const { params } = input
  if (params.ownerId) return sql<boolean>`t.owner_id = ${params.ownerId}::uuid`
  if (params.teamId) return sql<boolean>`t.team_id = ${params.teamId}::uuid`
  return sql<boolean>`t.owner_id IS NULL AND t.team_id IS NULL`
}
