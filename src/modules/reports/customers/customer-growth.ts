import { sql } from 'kysely'
import { col, monthsBetween, ownedBy, within, type ReportDefinition } from '../report'

/** New customers per month in the range, and the running total of customers. */
export const customerGrowth: ReportDefinition = {
  name: 'customer-growth',
  async run(input) {
    const { db, lang, params } = input
    const [months, before] = await Promise.all([
      sql<{ m: string; n: number }>`
        SELECT to_char(c.created_at AT TIME ZONE ${params.tz}, 'YYYY-MM') AS m, count(*)::int AS n
          FROM customers c
         WHERE c.deleted_at IS NULL AND c.merged_into IS NULL AND ${within(input, 'c.created_at')} AND ${ownedBy(input, 'c')}
         GROUP BY 1`.execute(db),
      sql<{ n: number }>`
        SELECT count(*)::int AS n FROM customers c
         WHERE c.deleted_at IS NULL AND c.merged_into IS NULL
           AND c.created_at < (${params.from}::date)::timestamp AT TIME ZONE ${params.tz} AND ${ownedBy(input, 'c')}`.execute(db),
    ])
    const have = new Map(months.rows.map((r) => [r.m, r.n]))
    let running = before.rows[0]?.n ?? 0
    const rows = monthsBetween(params.from, params.to).map((m) => {
      const n = have.get(m) ?? 0
      running += n
      return { month: m, newCustomers: n, cumulative: running }
    })
    return {
      columns: [col(lang, 'month', 'month'), col(lang, 'newCustomers', 'number'), col(lang, 'cumulative', 'number')],
      rows,
      totals: { newCustomers: rows.reduce((s, r) => s + r.newCustomers, 0), cumulative: running },
    }
  },
}
