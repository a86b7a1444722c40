import { sql } from 'kysely'
import { col, foldMoney, fxColumns, fxJoin, fxSpec, ownedBy, pct, totalOf, within, type FxRow, type ReportDefinition } from '../report'
import { label } from '../reports.labels'
import { dealDrill } from '../drill'

/** Deals created in the range by stage: how many reached each stage, and the step-to-step conversion. */
export const salesFunnel: ReportDefinition = {
  name: 'sales-funnel',
  async run(input) {
    const { db, lang } = input
    const fx = fxSpec(input, 'o.currency', 'created', 'o.created_at')
    // Per stage and currency, then folded per stage: deals in several currencies are converted at
    // the rate of their creation day (or listed per currency where a rate is missing).
    const { rows: perCurrency } = await sql<FxRow & { key: string; name: string; nameEn: string | null; kind: string; n: number; amountNative: string; amountConv: string }>`
      WITH d AS (
        SELECT o.stage, count(*)::int AS n, ${fxColumns(fx, { amount: sql`o.amount` })}
          FROM opportunities o
          ${fxJoin(fx)}
         WHERE o.deleted_at IS NULL AND ${within(input, 'o.created_at')} AND ${ownedBy(input, 'o')}
         GROUP BY o.stage, o.currency)
      SELECT s.key, s.name, s.name_en, s.kind, s.position, coalesce(d.n, 0) AS n, d.fx_cur, coalesce(d.fx_missing, 0) AS fx_missing, d.fx_from, d.fx_to,
             d.amount_native, d.amount_conv
        FROM pipeline_stages s LEFT JOIN d ON d.stage = s.key
       WHERE s.deleted_at IS NULL
       ORDER BY s.position`.execute(db)
    const groups = foldMoney(input, perCurrency, (r) => r.key, ['amount'] as const)
    const rows = [...groups.values()].map((g) => ({ ...g.first, n: g.rows.reduce((s, r) => s + r.n, 0), money: g.money }))
    const name = (r: (typeof rows)[number]) => (lang === 'en' && r.nameEn ? r.nameEn : r.name)
    const flow = rows.filter((r) => r.kind !== 'lost')
    let reached = flow.reduce((sum, r) => sum + r.n, 0)
    let previous: number | null = null
    const out = flow.map((r) => {
      const row = {
        stage: name(r), count: r.n, amount: r.money.amount.value, reached,
        conversion: previous === null ? null : pct(reached, previous),
        drill: dealDrill(input, 'created', { stage: r.key }),
      }
      previous = reached
      reached -= r.n
      return row
    })
    const lost = rows.filter((r) => r.kind === 'lost')
    for (const r of lost) out.push({ stage: name(r), count: r.n, amount: r.money.amount.value, reached: r.n, conversion: null, drill: dealDrill(input, 'created', { stage: r.key }) })
    const total = rows.reduce((s, r) => s + r.n, 0)
    return {
      columns: [col(lang, 'stage', 'text'), col(lang, 'count', 'number'), col(lang, 'amount', 'money'), col(lang, 'reached', 'number'), col(lang, 'conversion', 'percent')],
      rows: out,
      totals: { count: total, amount: totalOf(input.fx.target, rows, 'amount').value },
      notes: [label(lang, 'note.funnel')],
    }
  },
}
