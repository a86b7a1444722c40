import { sql } from 'kysely'
import { col, foldMoney, fxColumns, fxJoin, fxSpec, monthOf, orNone, ownedBy, pct, totalOf, within, type FxRow, type ReportDefinition } from '../report'
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
    const fx = fxSpec(input, 'o.currency', 'closed', 'o.closed_at')
    const { rows: perCurrency } = await sql<FxRow & { k: string | null; label: string | null; leads: number; converted: number; opportunities: number; won: number; wonNative: string; wonConv: string }>`
      SELECT ${dim.key} AS k, ${dim.label} AS label, count(*)::int AS leads,
             (count(*) FILTER (WHERE l.status = 'converted'))::int AS converted,
             (count(o.id))::int AS opportunities,
             (count(o.id) FILTER (WHERE s.kind = 'won'))::int AS won,
             ${fxColumns(fx, { won: sql`o.amount` }, sql<boolean>`s.kind = 'won'`)}
        FROM leads l
        LEFT JOIN opportunities o ON o.id = l.converted_opportunity_id AND o.deleted_at IS NULL
        LEFT JOIN pipeline_stages s ON s.key = o.stage
        ${dim.join}
        ${fxJoin(fx)}
       WHERE l.deleted_at IS NULL AND ${within(input, 'l.created_at')} AND ${ownedBy(input, 'l')}
       GROUP BY 1, 2, o.currency`.execute(db)
    const groups = [...foldMoney(input, perCurrency, (r) => `${r.k}|${r.label}`, ['won'] as const).values()]
    const count = (g: (typeof groups)[number], k: 'leads' | 'converted' | 'opportunities' | 'won') => g.rows.reduce((s, r) => s + r[k], 0)
    const rows = groups
      .map((g) => ({ k: g.first.k, label: g.first.label, leads: count(g, 'leads'), converted: count(g, 'converted'), opportunities: count(g, 'opportunities'), won: count(g, 'won'), money: g.money }))
      .sort((a, b) => b.leads - a.leads || (a.label ?? '\uffff').localeCompare(b.label ?? '\uffff'))
    const sum = (k: 'leads' | 'converted' | 'opportunities' | 'won') => rows.reduce((s, r) => s + r[k], 0)
    return {
      columns: [
        col(lang, 'group', by === 'month' ? 'month' : 'text', by), col(lang, 'leads', 'number'), col(lang, 'converted', 'number'),
        col(lang, 'conversionRate', 'percent'), col(lang, 'opportunities', 'number'), col(lang, 'won', 'number'), col(lang, 'wonAmount', 'money'),
      ],
      rows: rows.map((r) => ({
        group: orNone(lang, r.label), leads: r.leads, converted: r.converted, conversionRate: pct(r.converted, r.leads),
        opportunities: r.opportunities, won: r.won, wonAmount: r.money.won.value,
        // A row without a key (no source, campaign or owner) has no drill: no list filter selects it.
        drill: r.k === null ? null : createdDrill(input, 'leads', { ...whose(input), ...(dim.filter === 'month' ? {} : { [dim.filter]: r.k }) }, dim.filter === 'month' ? r.k : undefined),
      })),
      totals: {
        leads: sum('leads'), converted: sum('converted'), conversionRate: pct(sum('converted'), sum('leads')),
        opportunities: sum('opportunities'), won: sum('won'), wonAmount: totalOf(input.fx.target, rows, 'won').value,
      },
    }
  },
}
