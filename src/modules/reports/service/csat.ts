import { sql } from 'kysely'
import { col, monthOf, monthsBetween, pct, within, type ReportDefinition } from '../report'
import { ticketFilter } from './tickets-filter'

/** Satisfaction given on tickets resolved in the range, by month: ratings, average, and CSAT (share of 4 and 5). */
export const csat: ReportDefinition = {
  name: 'csat',
  async run(input) {
    const { db, lang, params } = input
    const { rows } = await sql<{ m: string; n: number; avg: string | null; happy: number; s1: number; s2: number; s3: number; s4: number; s5: number }>`
      SELECT ${monthOf(input, 't.resolved_at')} AS m, count(*)::int AS n, avg(t.satisfaction) AS avg,
             (count(*) FILTER (WHERE t.satisfaction >= 4))::int AS happy,
             (count(*) FILTER (WHERE t.satisfaction = 1))::int AS s1, (count(*) FILTER (WHERE t.satisfaction = 2))::int AS s2,
             (count(*) FILTER (WHERE t.satisfaction = 3))::int AS s3, (count(*) FILTER (WHERE t.satisfaction = 4))::int AS s4,
             (count(*) FILTER (WHERE t.satisfaction = 5))::int AS s5
        FROM tickets t
       WHERE ${ticketFilter(input)} AND t.satisfaction IS NOT NULL AND t.resolved_at IS NOT NULL AND ${within(input, 't.resolved_at')}
       GROUP BY 1`.execute(db)
    const have = new Map(rows.map((r) => [r.m, r]))
    const avg = (v: string | null) => (v === null ? null : Math.round(Number(v) * 100) / 100)
    const out = monthsBetween(params.from, params.to).map((m) => {
      const r = have.get(m)
      return { month: m, rated: r?.n ?? 0, average: avg(r?.avg ?? null), csat: r ? pct(r.happy, r.n) : null, s1: r?.s1 ?? 0, s2: r?.s2 ?? 0, s3: r?.s3 ?? 0, s4: r?.s4 ?? 0, s5: r?.s5 ?? 0 }
    })
    const n = rows.reduce((s, r) => s + r.n, 0)
    const points = rows.reduce((s, r) => s + r.s1 + 2 * r.s2 + 3 * r.s3 + 4 * r.s4 + 5 * r.s5, 0)
    return {
      columns: [
        col(lang, 'month', 'month'), col(lang, 'rated', 'number'), col(lang, 'average', 'number'), col(lang, 'csat', 'percent'),
        ...([1, 2, 3, 4, 5] as const).map((s) => ({ key: `s${s}`, label: '★'.repeat(s), type: 'number' as const })),
      ],
      rows: out,
      totals: { rated: n, average: n ? Math.round((points / n) * 100) / 100 : null, csat: pct(rows.reduce((s, r) => s + r.happy, 0), n) },
    }
  },
}
