import { sql } from 'kysely'
import { col, orNone, within, type ReportDefinition } from '../report'
import { label } from '../reports.labels'
import { hours, ticketFilter } from './tickets-filter'

/** Tickets opened in the range by type (default), channel, priority or month: volume and handling times. */
export const ticketVolume: ReportDefinition = {
  name: 'tickets',
  async run(input) {
    const { db, lang, params } = input
    const by = params.groupBy ?? 'type'
    const key = by === 'month' ? sql`to_char(t.created_at AT TIME ZONE ${params.tz}, 'YYYY-MM')` : sql.ref(`t.${by}`)
    const firstResponse = sql`extract(epoch FROM t.first_responded_at - t.created_at) / 3600`
    const resolution = sql`extract(epoch FROM t.resolved_at - t.created_at) / 3600`
    const { rows } = await sql<{ k: string; n: number; open: number; resolved: number; frMedian: string | null; frP90: string | null; resMedian: string | null; resP90: string | null }>`
      SELECT ${key} AS k, count(*)::int AS n,
             (count(*) FILTER (WHERE t.status IN ('new', 'open', 'pending')))::int AS open,
             (count(*) FILTER (WHERE t.resolved_at IS NOT NULL))::int AS resolved,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ${firstResponse}) AS fr_median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY ${firstResponse}) AS fr_p90,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ${resolution}) AS res_median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY ${resolution}) AS res_p90
        FROM tickets t
       WHERE ${ticketFilter(input)} AND ${within(input, 't.created_at')}
       GROUP BY 1 ORDER BY ${by === 'month' ? sql`1` : sql`2 DESC`}`.execute(db)
    const name = (k: string) => (by === 'month' ? k : label(lang, `${by}.${k}`))
    return {
      columns: [
        col(lang, 'group', by === 'month' ? 'month' : 'text', by), col(lang, 'count', 'number'), col(lang, 'open', 'number'), col(lang, 'resolvedCount', 'number'),
        col(lang, 'frMedian', 'number'), col(lang, 'frP90', 'number'), col(lang, 'resMedian', 'number'), col(lang, 'resP90', 'number'),
      ],
      rows: rows.map((r) => ({
        group: orNone(lang, name(r.k)), count: r.n, open: r.open, resolvedCount: r.resolved,
        frMedian: hours(r.frMedian), frP90: hours(r.frP90), resMedian: hours(r.resMedian), resP90: hours(r.resP90),
        drill: { resource: 'tickets' as const, filters: by === 'month' ? {} : { [by]: r.k } },
      })),
      totals: { count: rows.reduce((s, r) => s + r.n, 0), open: rows.reduce((s, r) => s + r.open, 0), resolvedCount: rows.reduce((s, r) => s + r.resolved, 0) },
    }
  },
}
