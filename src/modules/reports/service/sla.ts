import { sql } from 'kysely'
import { col, pct, within, type ReportDefinition } from '../report'
import { label } from '../reports.labels'
import { ticketDrill, ticketFilter } from './tickets-filter'

/**
 * SLA compliance of tickets opened in the range, by priority: a target is met when the response or
 * resolution came by its due time; one still open past its due time counts as breached now (a
 * pending ticket's resolution clock stands where it stopped).
 */
export const slaCompliance: ReportDefinition = {
  name: 'sla',
  async run(input) {
    const { db, lang } = input
    const { rows } = await sql<{ priority: string; n: number; frDue: number; frMet: number; frBreached: number; resDue: number; resMet: number; resBreached: number }>`
      SELECT t.priority, count(*)::int AS n,
             (count(*) FILTER (WHERE t.first_response_due_at IS NOT NULL))::int AS fr_due,
             (count(*) FILTER (WHERE t.first_responded_at <= t.first_response_due_at))::int AS fr_met,
             (count(*) FILTER (WHERE t.first_responded_at > t.first_response_due_at
                                 OR (t.first_responded_at IS NULL AND t.first_response_due_at < now())))::int AS fr_breached,
             (count(*) FILTER (WHERE t.resolution_due_at IS NOT NULL))::int AS res_due,
             (count(*) FILTER (WHERE t.resolved_at <= t.resolution_due_at))::int AS res_met,
             (count(*) FILTER (WHERE t.resolved_at > t.resolution_due_at
                                 OR (t.resolved_at IS NULL AND t.resolution_due_at < coalesce(t.sla_paused_at, now()))))::int AS res_breached
        FROM tickets t
       WHERE ${ticketFilter(input)} AND ${within(input, 't.created_at')}
       GROUP BY 1 ORDER BY min(t.priority_rank) DESC`.execute(db)
    const total = (k: 'n' | 'frDue' | 'frMet' | 'frBreached' | 'resDue' | 'resMet' | 'resBreached') => rows.reduce((s, r) => s + r[k], 0)
    return {
      columns: [
        col(lang, 'priority', 'text'), col(lang, 'count', 'number'), col(lang, 'frCompliance', 'percent'), col(lang, 'frBreached', 'number'),
        col(lang, 'resCompliance', 'percent'), col(lang, 'resBreached', 'number'),
      ],
      rows: rows.map((r) => ({
        priority: label(lang, `priority.${r.priority}`), count: r.n, frCompliance: pct(r.frMet, r.frDue), frBreached: r.frBreached,
        resCompliance: pct(r.resMet, r.resDue), resBreached: r.resBreached, drill: ticketDrill(input, { priority: r.priority }),
      })),
      totals: {
        count: total('n'), frCompliance: pct(total('frMet'), total('frDue')), frBreached: total('frBreached'),
        resCompliance: pct(total('resMet'), total('resDue')), resBreached: total('resBreached'),
      },
    }
  },
}
