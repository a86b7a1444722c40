import { sql } from 'kysely'
import Big from 'big.js'
import { col, orNone, ownedBy, pct, sumMoney, within, type ReportDefinition } from '../report'
import { groupDimension } from './dimensions'
import { groupDrill } from '../drill'

/** Deals closed in the range: won, lost, win rate and average won deal, by owner, team, source, campaign or month. */
export const winRate: ReportDefinition = {
  name: 'win-rate',
  async run(input) {
    const { db, lang, params } = input
    const by = params.groupBy ?? 'owner'
    const dim = groupDimension(input, by, 'o.closed_at', false)
    // Grouped by the key alone, names picked per group: a month's key, label and sort are three
    // copies of one expression with their own parameters, which PostgreSQL cannot match to each
    // other, so grouping by all three failed ("closed_at must appear in the GROUP BY clause").
    const { rows } = await sql<{ k: string | null; label: string | null; won: number; lost: number; wonAmount: string; wonInCurrency: number }>`
      SELECT ${dim.key} AS k, min(${dim.label}) AS label, min(${dim.sort}) AS sort,
             (count(*) FILTER (WHERE s.kind = 'won'))::int AS won, (count(*) FILTER (WHERE s.kind = 'lost'))::int AS lost,
             coalesce(sum(o.amount) FILTER (WHERE s.kind = 'won' AND o.currency = ${params.currency}), 0)::text AS won_amount,
             (count(*) FILTER (WHERE s.kind = 'won' AND o.currency = ${params.currency}))::int AS won_in_currency
        FROM opportunities o
        JOIN pipeline_stages s ON s.key = o.stage AND s.kind IN ('won', 'lost')
        ${dim.join}
       WHERE o.deleted_at IS NULL AND o.closed_at IS NOT NULL AND ${within(input, 'o.closed_at')} AND ${ownedBy(input, 'o')}
       GROUP BY 1
       ORDER BY 3, 2`.execute(db)
    const avg = (amount: string, n: number) => (n > 0 ? new Big(amount).div(n).toFixed(2) : null)
    const won = rows.reduce((s, r) => s + r.won, 0)
    const lost = rows.reduce((s, r) => s + r.lost, 0)
    const wonAmount = sumMoney(rows.map((r) => r.wonAmount))
    const wonInCurrency = rows.reduce((s, r) => s + r.wonInCurrency, 0)
    return {
      columns: [
        col(lang, 'group', by === 'month' ? 'month' : 'text', by), col(lang, 'won', 'number'), col(lang, 'lost', 'number'),
        col(lang, 'winRate', 'percent'), col(lang, 'wonAmount', 'money'), col(lang, 'avgDeal', 'money'),
      ],
      rows: rows.map((r) => ({
        group: orNone(lang, r.label), won: r.won, lost: r.lost, winRate: pct(r.won, r.won + r.lost), wonAmount: r.wonAmount,
        avgDeal: avg(r.wonAmount, r.wonInCurrency),
        drill: groupDrill(input, 'closed', dim.filter, r.k, { status: 'won' }),
      })),
      totals: { won, lost, winRate: pct(won, won + lost), wonAmount, avgDeal: avg(wonAmount, wonInCurrency) },
      otherCurrency: { n: won - wonInCurrency, counted: true },
    }
  },
}
