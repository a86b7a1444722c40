import { sql } from 'kysely'
import { col, orNone, ownedBy, within, type ReportDefinition } from '../report'
import { groupDimension } from './dimensions'

const days = (v: string | number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10)

/** Days from creation to winning, for deals won in the range: average, median and 90th percentile. */
export const salesCycle: ReportDefinition = {
  name: 'sales-cycle',
  async run(input) {
    const { db, lang } = input
    const by = input.params.groupBy ?? 'owner'
    const dim = groupDimension(input, by, 'o.closed_at', false)
    const cycle = sql`extract(epoch FROM o.closed_at - o.created_at) / 86400`
    const query = (grouped: boolean) => sql<{ k: string | null; label: string | null; n: number; avg: string | null; median: string | null; p90: string | null }>`
      SELECT ${grouped ? sql`${dim.key} AS k, ${dim.label} AS label, ${dim.sort} AS sort,` : sql``}
             count(*)::int AS n, avg(${cycle}) AS avg,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ${cycle}) AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY ${cycle}) AS p90
        FROM opportunities o
        JOIN pipeline_stages s ON s.key = o.stage AND s.kind = 'won'
        ${grouped ? dim.join : sql``}
       WHERE o.deleted_at IS NULL AND o.closed_at IS NOT NULL AND ${within(input, 'o.closed_at')} AND ${ownedBy(input, 'o')}
       ${grouped ? sql`GROUP BY 1, 2, 3 ORDER BY 3, 2` : sql``}`.execute(db)
    const [groups, all] = await Promise.all([query(true), query(false)])
    const total = all.rows[0]
    return {
      columns: [col(lang, 'group', by === 'month' ? 'month' : 'text', by), col(lang, 'won', 'number'), col(lang, 'avgDays', 'days'), col(lang, 'medianDays', 'days'), col(lang, 'p90Days', 'days')],
      rows: groups.rows.map((r) => ({
        group: orNone(lang, r.label), won: r.n, avgDays: days(r.avg), medianDays: days(r.median), p90Days: days(r.p90),
        drill: { resource: 'opportunities' as const, filters: { status: 'won', ...(r.k && dim.filter ? { [dim.filter]: r.k } : {}) } },
      })),
      totals: { won: total?.n ?? 0, avgDays: days(total?.avg ?? null), medianDays: days(total?.median ?? null), p90Days: days(total?.p90 ?? null) },
    }
  },
}
