import { sql } from 'kysely'
import { col, orNone, ownedBy, pct, sumMoney, within, type ReportDefinition } from '../report'
import { groupDrill } from '../drill'

/**
 * Deals lost in the range by the reason chosen from the admin's list (its label in the caller's
 * language), most frequent first; each row drills down to its deals, "other" with their notes.
 */
export const lostReasons: ReportDefinition = {
  name: 'lost-reasons',
  async run(input) {
    const { db, lang, params } = input
    const { rows } = await sql<{ reasonId: string | null; reason: string | null; n: number; amount: string; other: number }>`
      SELECT o.lost_reason_id AS reason_id, min(CASE WHEN ${lang === 'zh-CN'} THEN lr.label_zh ELSE lr.label_en END) AS reason, count(*)::int AS n,
             coalesce(sum(o.amount) FILTER (WHERE o.currency = ${params.currency}), 0)::text AS amount,
             (count(*) FILTER (WHERE o.currency <> ${params.currency}))::int AS other
        FROM opportunities o JOIN pipeline_stages s ON s.key = o.stage AND s.kind = 'lost'
        LEFT JOIN lost_reasons lr ON lr.id = o.lost_reason_id
       WHERE o.deleted_at IS NULL AND o.closed_at IS NOT NULL AND ${within(input, 'o.closed_at')} AND ${ownedBy(input, 'o')}
       GROUP BY 1 ORDER BY 2 DESC, 1`.execute(db)
    const total = rows.reduce((s, r) => s + r.n, 0)
    return {
      columns: [col(lang, 'reason', 'text'), col(lang, 'count', 'number'), col(lang, 'share', 'percent'), col(lang, 'amount', 'money')],
      rows: rows.map((r) => ({ reason: orNone(lang, r.reason), count: r.n, share: pct(r.n, total), amount: r.amount, drill: groupDrill(input, 'closed', 'lostReasonId', r.reasonId, { status: 'lost' }) })),
      totals: { count: total, share: total ? 100 : null, amount: sumMoney(rows.map((r) => r.amount)) },
      otherCurrency: { n: rows.reduce((s, r) => s + r.other, 0), counted: true },
    }
  },
}
