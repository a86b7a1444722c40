import { sql, type RawBuilder } from 'kysely'
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_TYPES } from '../../tickets/tickets.schema'
import { col, monthsBetween, orNone, within, type ReportDefinition } from '../report'
import { label } from '../reports.labels'
import { hours, ticketDrill, ticketFilter } from './tickets-filter'

const GROUPS = { type: TICKET_TYPES, channel: TICKET_CHANNELS, priority: TICKET_PRIORITIES } as const

/**
 * Tickets opened in the range by type (default), channel, priority or month: volume and handling
 * times. The groups are known in advance (an enum, or the months of the range), so each gets its
 * own FILTERed aggregates over one pass of the covering index: no sort of a year of tickets by
 * group key, only each group's own hours sorted for its percentiles.
 */
export const ticketVolume: ReportDefinition = {
  name: 'tickets',
  async run(input) {
    const { db, lang, params } = input
    const by = (params.groupBy ?? 'type') as keyof typeof GROUPS | 'month'
    const keys: readonly string[] = by === 'month' ? monthsBetween(params.from, params.to) : GROUPS[by]
    const member = (k: string): RawBuilder<boolean> =>
      by === 'month'
        ? sql`t.created_at >= (${`${k}-01`}::date)::timestamp AT TIME ZONE ${params.tz} AND t.created_at < ((${`${k}-01`}::date + interval '1 month'))::timestamp AT TIME ZONE ${params.tz}`
        : sql`${sql.ref(`t.${by}`)} = ${k}`
    // Seconds as float8 (date_part), not numeric (extract): these are what the percentiles sort.
    const firstResponse = sql`date_part('epoch', t.first_responded_at - t.created_at)`
    const resolution = sql`date_part('epoch', t.resolved_at - t.created_at)`
    const aggregates = keys.map((k, i) => {
      const f = member(k)
      return sql`count(*) FILTER (WHERE ${f})::int AS ${sql.ref(`n${i}`)},
        count(*) FILTER (WHERE ${f} AND t.status IN ('new', 'open', 'pending'))::int AS ${sql.ref(`o${i}`)},
        count(*) FILTER (WHERE ${f} AND t.resolved_at IS NOT NULL)::int AS ${sql.ref(`r${i}`)},
        percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY ${firstResponse}) FILTER (WHERE ${f}) AS ${sql.ref(`f${i}`)},
        percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY ${resolution}) FILTER (WHERE ${f}) AS ${sql.ref(`s${i}`)}`
    })
    const { rows } = await sql<Record<string, number | number[] | null>>`
      SELECT ${sql.join(aggregates)} FROM tickets t WHERE ${ticketFilter(input)} AND ${within(input, 't.created_at')}`.execute(db)
    const one = rows[0] ?? {}
    const h = (v: unknown, i: number) => hours(Array.isArray(v) && v[i] != null ? Number(v[i]) / 3600 : null)
    const groups = keys
      .map((k, i) => ({ k, n: Number(one[`n${i}`] ?? 0), open: Number(one[`o${i}`] ?? 0), resolved: Number(one[`r${i}`] ?? 0), fr: one[`f${i}`], res: one[`s${i}`] }))
      .filter((g) => g.n > 0)
    if (by !== 'month') groups.sort((a, b) => b.n - a.n)
    const name = (k: string) => (by === 'month' ? k : label(lang, `${by}.${k}`))
    return {
      columns: [
        col(lang, 'group', by === 'month' ? 'month' : 'text', by), col(lang, 'count', 'number'), col(lang, 'open', 'number'), col(lang, 'resolvedCount', 'number'),
        col(lang, 'frMedian', 'number'), col(lang, 'frP90', 'number'), col(lang, 'resMedian', 'number'), col(lang, 'resP90', 'number'),
      ],
      rows: groups.map((r) => ({
        group: orNone(lang, name(r.k)), count: r.n, open: r.open, resolvedCount: r.resolved,
        frMedian: h(r.fr, 0), frP90: h(r.fr, 1), resMedian: h(r.res, 0), resP90: h(r.res, 1),
        drill: by === 'month' ? ticketDrill(input, {}, r.k) : ticketDrill(input, { [by]: r.k }),
      })),
      totals: { count: groups.reduce((s, r) => s + r.n, 0), open: groups.reduce((s, r) => s + r.open, 0), resolvedCount: groups.reduce((s, r) => s + r.resolved, 0) },
    }
  },
}
