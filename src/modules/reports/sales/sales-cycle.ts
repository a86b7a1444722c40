import { sql } from 'kysely'
import { col, orNone, ownedBy, within, type ReportDefinition } from '../report'
import { groupDimension } from './dimensions'
import { groupDrill } from '../drill'

const days = (v: string | number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10)

/** Days from creation to winning, for deals won in the range: average, median and 90th percentile. */
export const salesCycle: ReportDefinition = {
  name: 'sales-cycle',
  async run(input) {
    const { db, lang } = input
    const by = input.params.groupBy ?? 'owner'
    const dim = groupDimension(input, by, 'o.closed_at', false)
    // Seconds as float8 (date_part), not numeric (extract): sorting 200,000 of them for the percentiles is the report's cost.
    const cycle = sql`date_part('epoch', o.closed_at - o.created_at)`
    const from = sql`
        FROM opportunities o
        JOIN pipeline_stages s ON s.key = o.stage AND s.kind = 'won'
        ${dim.join}
       WHERE o.deleted_at IS NULL AND o.closed_at IS NOT NULL AND ${within(input, 'o.closed_at')} AND ${ownedBy(input, 'o')}`
    const measures = sql`count(*)::int AS n, avg(${cycle}) / 86400 AS avg, percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY ${cycle}) AS pc`
    // The groups and the total as two queries that PostgreSQL runs side by side on two pooled
    // connections (a grouping set did both in one, one after the other). Grouped by the raw key:
    // names are functions of it, so they are picked per group instead of being sorted with every row.
    // By position, not by repeating the key: a key with bound parameters (the month buckets) is a
    // different expression to PostgreSQL each time it is written, so the SELECT's copy was "not grouped".
    const [{ rows: groups }, { rows: totals }] = await Promise.all([
      sql<{ k: string | null; label: string | null; n: number; avg: number | null; pc: number[] | null }>`
        SELECT ${dim.key} AS k, min(${dim.label}) AS label, ${measures} ${from}
         GROUP BY 1 ORDER BY min(${dim.sort}), 2`.execute(db),
      sql<{ n: number; avg: number | null; pc: number[] | null }>`SELECT ${measures} ${from}`.execute(db),
    ])
    const total = totals[0]
    const q = (r: { pc: number[] | null } | undefined, i: number) => days(r?.pc?.[i] == null ? null : Number(r.pc[i]) / 86400)
    return {
      columns: [col(lang, 'group', by === 'month' ? 'month' : 'text', by), col(lang, 'won', 'number'), col(lang, 'avgDays', 'days'), col(lang, 'medianDays', 'days'), col(lang, 'p90Days', 'days')],
      rows: groups.map((r) => ({
        group: orNone(lang, r.label), won: r.n, avgDays: days(r.avg), medianDays: q(r, 0), p90Days: q(r, 1),
        drill: groupDrill(input, 'closed', dim.filter, r.k, { status: 'won' }),
      })),
      totals: { won: total?.n ?? 0, avgDays: days(total?.avg ?? null), medianDays: q(total, 0), p90Days: q(total, 1) },
    }
  },
}
