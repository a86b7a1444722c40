import { sql } from 'kysely'
import { col, monthOf, orNone, ownedBy, pct, sumMoney, within, type ReportDefinition } from '../report'
import { createdDrill, whose } from '../drill'

/** Leads created in the range, by source (default), campaign, owner or month: converted, and won through their deals. */
export const leadConversion: ReportDefinition = {
  name: 'lead-conversion',
  async run(input) {
    const { db, lang, params } = input
    // The service lets through only the groupBys of reports.catalog.ts.
    const by = (params.groupBy ?? 'source') as 'source' | 'campaign' | 'owner' | 'month'
    const month = monthOf(input, 'l.created_at')
    const dim = {
      source: { key: sql`l.source`, label: sql`l.source`, join: sql``, filter: 'source' },
      campaign: { key: sql`l.campaign_id::text`, label: sql`c.name`, join: sql`LEFT JOIN campaigns c ON c.id = l.campaign_id`, filter: 'campaignId' },
      owner: { key: sql`l.owner_id::text`, label: sql`u.name`, join: sql`LEFT JOIN users u ON u.id = l.owner_id`, filter: 'ownerId' },
      month: { key: month, label: month, join: sql``, filter: 'month' },
    }[by]
    const { rows } = await sql<{ k: string | null; label: string | null; leads: number; converted: number; opportunities: number; won: number; wonAmount: string; other: number }>`
      SELECT ${dim.key} AS k, ${dim.label} AS label, count(*)::int AS leads,
             (count(*) FILTER (WHERE l.status = 'converted'))::int AS converted,
             (count(o.id))::int AS opportunities,
             (count(o.id) FILTER (WHERE s.kind = 'won'))::int AS won,
             coalesce(sum(o.amount) FILTER (WHERE s.kind = 'won' AND o.currency = ${params.currency}), 0)::text AS won_amount,
             (count(o.id) FILTER (WHERE s.kind = 'won' AND o.currency <> ${params.currency}))::int AS other
        FROM leads l
        LEFT JOIN opportunities o ON o.id = l.converted_opportunity_id AND o.deleted_at IS NULL
        LEFT JOIN pipeline_stages s ON s.key = o.stage
        ${dim.join}
       WHERE l.deleted_at IS NULL AND ${within(input, 'l.created_at')} AND ${ownedBy(input, 'l')}
       GROUP BY 1, 2 ORDER BY 3 DESC, 2`.execute(db)
    const sum = (k: 'leads' | 'converted' | 'opportunities' | 'won') => rows.reduce((s, r) => s + r[k], 0)
    return {
      columns: [
        col(lang, 'group', by === 'month' ? 'month' : 'text', by), col(lang, 'leads', 'number'), col(lang, 'converted', 'number'),
        col(lang, 'conversionRate', 'percent'), col(lang, 'opportunities', 'number'), col(lang, 'won', 'number'), col(lang, 'wonAmount', 'money'),
      ],
      rows: rows.map((r) => ({
        group: orNone(lang, r.label), leads: r.leads, converted: r.converted, conversionRate: pct(r.converted, r.leads),
        opportunities: r.opportunities, won: r.won, wonAmount: r.wonAmount,
        // A row without a key (no source, campaign or owner) has no drill: no list filter selects it.
        drill: r.k === null ? null : createdDrill(input, 'leads', { ...whose(input), ...(dim.filter === 'month' ? {} : { [dim.filter]: r.k }) }, dim.filter === 'month' ? r.k : undefined),
      })),
      totals: {
        leads: sum('leads'), converted: sum('converted'), conversionRate: pct(sum('converted'), sum('leads')),
        opportunities: sum('opportunities'), won: sum('won'), wonAmount: sumMoney(rows.map((r) => r.wonAmount)),
      },
      otherCurrency: { n: rows.reduce((s, r) => s + r.other, 0), counted: true },
    }
  },
}
