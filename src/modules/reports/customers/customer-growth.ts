import { sql } from 'kysely'
import { col, monthsBetween, ownedBy, type ReportDefinition } from '../report'

/**
 * New customers per month in the range, and the running total of customers, from the daily rollup
 * (migration 2026_11_25_2000): the number of live customers created before an instant X is the
 * rollup's sum over the UTC days before X's UTC day, plus the customers of that day created before
 * X. Months are the caller's time zone's, so X is each local month start; a boundary's own day is
 * at most a day of customers, read through the created_at index.
 */
export const customerGrowth: ReportDefinition = {
  name: 'customer-growth',
  async run(input) {
    const { db, lang, params } = input
    const months = monthsBetween(params.from, params.to)
    // Local dates of the boundaries: the range's first day, each later month's first day, the day after the range.
    const next = new Date(`${params.to}T00:00:00Z`)
    next.setUTCDate(next.getUTCDate() + 1)
    const localDays = [params.from, ...months.slice(1).map((m) => `${m}-01`), next.toISOString().slice(0, 10)]
    const { rows: bounds } = await sql<{ i: number; at: Date; day: string }>`
      SELECT b.i::int AS i, b.at, (b.at AT TIME ZONE 'UTC')::date::text AS day
        FROM (SELECT i, (d::date)::timestamp AT TIME ZONE ${params.tz} AS at FROM unnest(${localDays}::text[]) WITH ORDINALITY AS u(d, i)) b
       ORDER BY b.i`.execute(db)
    const firstDay = bounds[0]!.day
    const lastDay = bounds.at(-1)!.day
    const [before, days, slivers] = await Promise.all([
      sql<{ n: number | null }>`
        SELECT sum(r.n)::int AS n FROM customer_daily_counts r WHERE r.day < ${firstDay}::date AND ${ownedBy(input, 'r')}`.execute(db),
      sql<{ day: string; n: number }>`
        SELECT r.day::text AS day, sum(r.n)::int AS n FROM customer_daily_counts r
         WHERE r.day >= ${firstDay}::date AND r.day < ${lastDay}::date AND ${ownedBy(input, 'r')}
         GROUP BY r.day ORDER BY r.day`.execute(db),
      sql<{ i: number; n: number }>`
        SELECT b.i::int AS i, (SELECT count(*)::int FROM customers c
                                WHERE c.deleted_at IS NULL AND c.merged_into IS NULL AND ${ownedBy(input, 'c')}
                                  AND c.created_at >= (b.day::timestamp AT TIME ZONE 'UTC') AND c.created_at < b.at) AS n
          FROM unnest(${bounds.map((b) => b.at)}::timestamptz[], ${bounds.map((b) => b.day)}::date[]) WITH ORDINALITY AS b(at, day, i)`.execute(db),
    ])
    // count(< X) = customers of the UTC days before X's day + those of X's day before X.
    let cumulative = before.rows[0]?.n ?? 0
    let d = 0
    const countBefore = bounds.map((b, i) => {
      while (d < days.rows.length && days.rows[d]!.day < b.day) cumulative += days.rows[d++]!.n
      return cumulative + (slivers.rows.find((s) => s.i === i + 1)?.n ?? 0)
    })
    const rows = months.map((month, i) => ({ month, newCustomers: countBefore[i + 1]! - countBefore[i]!, cumulative: countBefore[i + 1]! }))
    return {
      columns: [col(lang, 'month', 'month'), col(lang, 'newCustomers', 'number'), col(lang, 'cumulative', 'number')],
      rows,
      totals: { newCustomers: rows.reduce((s, r) => s + r.newCustomers, 0), cumulative: countBefore.at(-1)! },
    }
  },
}
