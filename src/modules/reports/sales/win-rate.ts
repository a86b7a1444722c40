import { sql } from 'kysely'
import Big from 'big.js'
import { col, foldMoney, fxColumns, fxJoin, fxSpec, Money, orNone, ownedBy, pct, totalOf, within, type FxRow, type ReportDefinition } from '../report'
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
    const fx = fxSpec(input, 'o.currency', 'closed', 'o.closed_at')
    const { rows } = await sql<FxRow & { k: string | null; label: string | null; won: number; lost: number; wonNative: string; wonConv: string }>`
      SELECT ${dim.key} AS k, min(${dim.label}) AS label, min(${dim.sort}) AS sort,
             (count(*) FILTER (WHERE s.kind = 'won'))::int AS won, (count(*) FILTER (WHERE s.kind = 'lost'))::int AS lost,
             ${fxColumns(fx, { won: sql`o.amount` }, sql<boolean>`s.kind = 'won'`)}
        FROM opportunities o
        JOIN pipeline_stages s ON s.key = o.stage AND s.kind IN ('won', 'lost')
        ${dim.join}
        ${fxJoin(fx)}
       WHERE o.deleted_at IS NULL AND o.closed_at IS NOT NULL AND ${within(input, 'o.closed_at')} AND ${ownedBy(input, 'o')}
       GROUP BY 1, o.currency
       ORDER BY 3, 2`.execute(db)
    // A won deal's average: the converted total over every deal won (none when a total cannot be formed).
    const avg = (m: Money, n: number) => (n > 0 && m.converted !== null ? new Big(m.converted).div(n).toFixed(2) : null)
    const groups = [...foldMoney(input, rows, (r) => String(r.k), ['won'] as const).values()].map((g) => ({
      ...g, won: g.rows.reduce((s, r) => s + r.won, 0), lost: g.rows.reduce((s, r) => s + r.lost, 0),
    }))
    const won = groups.reduce((s, r) => s + r.won, 0)
    const lost = groups.reduce((s, r) => s + r.lost, 0)
    const wonAmount = totalOf(input.fx.target, groups, 'won')
    return {
      columns: [
        col(lang, 'group', by === 'month' ? 'month' : 'text', by), col(lang, 'won', 'number'), col(lang, 'lost', 'number'),
        col(lang, 'winRate', 'percent'), col(lang, 'wonAmount', 'money'), col(lang, 'avgDeal', 'money'),
      ],
      rows: groups.map((g) => ({
        group: orNone(lang, g.first.label), won: g.won, lost: g.lost, winRate: pct(g.won, g.won + g.lost), wonAmount: g.money.won.value,
        avgDeal: avg(g.money.won, g.won),
        drill: groupDrill(input, 'closed', dim.filter, g.first.k, { status: 'won' }),
      })),
      totals: { won, lost, winRate: pct(won, won + lost), wonAmount: wonAmount.value, avgDeal: avg(wonAmount, won) },
    }
  },
}
