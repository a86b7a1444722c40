import { sql } from 'kysely'
import { col, ownedBy, pct, sumMoney, within, type ReportDefinition } from '../report'
import { label } from '../reports.labels'
import { dealDrill } from '../drill'

/** Deals created in the range by stage: how many reached each stage, and the step-to-step conversion. */
export const salesFunnel: ReportDefinition = {
  name: 'sales-funnel',
  async run(input) {
    const { db, lang, params } = input
    const { rows } = await sql<{ key: string; name: string; nameEn: string | null; kind: string; n: number; amount: string; other: number }>`
      WITH d AS (
        SELECT o.stage, count(*)::int AS n,
               coalesce(sum(o.amount) FILTER (WHERE o.currency = ${params.currency}), 0) AS amount,
               (count(*) FILTER (WHERE o.currency <> ${params.currency}))::int AS other
          FROM opportunities o
         WHERE o.deleted_at IS NULL AND ${within(input, 'o.created_at')} AND ${ownedBy(input, 'o')}
         GROUP BY o.stage)
      SELECT s.key, s.name, s.name_en, s.kind, coalesce(d.n, 0) AS n, coalesce(d.amount, 0)::text AS amount, coalesce(d.other, 0) AS other
        FROM pipeline_stages s LEFT JOIN d ON d.stage = s.key
       WHERE s.deleted_at IS NULL
       ORDER BY s.position`.execute(db)
    const name = (r: (typeof rows)[number]) => (lang === 'en' && r.nameEn ? r.nameEn : r.name)
    const flow = rows.filter((r) => r.kind !== 'lost')
    let reached = flow.reduce((sum, r) => sum + r.n, 0)
    let previous: number | null = null
    const out = flow.map((r) => {
      const row = {
        stage: name(r), count: r.n, amount: r.amount, reached,
        conversion: previous === null ? null : pct(reached, previous),
        drill: dealDrill(input, 'created', { stage: r.key }),
      }
      previous = reached
      reached -= r.n
      return row
    })
    const lost = rows.filter((r) => r.kind === 'lost')
    for (const r of lost) out.push({ stage: name(r), count: r.n, amount: r.amount, reached: r.n, conversion: null, drill: dealDrill(input, 'created', { stage: r.key }) })
    const total = rows.reduce((s, r) => s + r.n, 0)
    const other = rows.reduce((s, r) => s + r.other, 0)
    return {
      columns: [col(lang, 'stage', 'text'), col(lang, 'count', 'number'), col(lang, 'amount', 'money'), col(lang, 'reached', 'number'), col(lang, 'conversion', 'percent')],
      rows: out,
      totals: { count: total, amount: sumMoney(rows.map((r) => r.amount)) },
      notes: [label(lang, 'note.funnel')],
      otherCurrency: { n: other, counted: true },
    }
  },
}
