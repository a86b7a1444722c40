import { sql } from 'kysely'
import { col, foldMoney, fxColumns, fxJoin, fxSpec, orNone, ownedBy, pct, totalOf, within, type FxRow, type ReportDefinition } from '../report'
import { groupDrill } from '../drill'

/**
 * Deals lost in the range by the reason chosen from the admin's list (its label in the caller's
 * language), most frequent first; each row drills down to its deals, "other" with their notes.
 * Amounts are valued on their close date.
 */
export const lostReasons: ReportDefinition = {
  name: 'lost-reasons',
  async run(input) {
    const { db, lang } = input
    const fx = fxSpec(input, 'o.currency', 'closed', 'o.closed_at')
    const { rows } = await sql<FxRow & { reasonId: string | null; reason: string | null; n: number; amountNative: string; amountConv: string }>`
      SELECT o.lost_reason_id AS reason_id, min(CASE WHEN ${lang === 'zh-CN'} THEN lr.label_zh ELSE lr.label_en END) AS reason, count(*)::int AS n,
             ${fxColumns(fx, { amount: sql`o.amount` })}
        FROM opportunities o JOIN pipeline_stages s ON s.key = o.stage AND s.kind = 'lost'
        LEFT JOIN lost_reasons lr ON lr.id = o.lost_reason_id
        ${fxJoin(fx)}
       WHERE o.deleted_at IS NULL AND o.closed_at IS NOT NULL AND ${within(input, 'o.closed_at')} AND ${ownedBy(input, 'o')}
       GROUP BY 1, o.currency`.execute(db)
    const groups = [...foldMoney(input, rows, (r) => r.reasonId ?? '', ['amount'] as const).values()]
      .map((g) => ({ ...g, n: g.rows.reduce((s, r) => s + r.n, 0) }))
      .sort((a, b) => b.n - a.n || (a.first.reason ?? '\uffff').localeCompare(b.first.reason ?? '\uffff'))
    const total = groups.reduce((s, g) => s + g.n, 0)
    return {
      columns: [col(lang, 'reason', 'text'), col(lang, 'count', 'number'), col(lang, 'share', 'percent'), col(lang, 'amount', 'money')],
      rows: groups.map((g) => ({
        reason: orNone(lang, g.first.reason), count: g.n, share: pct(g.n, total), amount: g.money.amount.value,
        drill: groupDrill(input, 'closed', 'lostReasonId', g.first.reasonId, { status: 'lost' }),
      })),
      totals: { count: total, share: total ? 100 : null, amount: totalOf(input.fx.target, groups, 'amount').value },
    }
  },
}
