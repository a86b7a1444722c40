import { sql } from 'kysely'
import Big from 'big.js'
import { col, foldMoney, fxColumns, fxConverted, fxJoin, fxSpec, Money, ownedBy, pct, type FxRow, type ReportDefinition } from '../report'

/**
 * Campaigns starting in the range (or created in it, without a start date), compared: the e-mail
 * funnel from their recipients, the leads and deals they sourced, the revenue of those deals won,
 * cost per lead and ROI = (won revenue − cost) / cost. Money in the report currency only.
 */
export const campaignComparison: ReportDefinition = {
  name: 'campaigns',
  async run(input) {
    const { db, lang, params } = input
    // A campaign's cost is in its own currency, valued at the rate of its start (or creation) day.
    const costFx = { alias: 'cfx', currency: 'c.currency', target: input.fx.target, digits: input.fx.digits, day: sql`coalesce(c.start_date, (c.created_at AT TIME ZONE ${params.tz})::date)` }
    const { rows } = await sql<{
      id: string; name: string; type: string; sent: number; delivered: number; opened: number; clicked: number; unsubscribed: number; bounced: number
      leads: number; opportunities: number; costNative: string | null; costConv: string | null; fxCur: string; fxMissing: number; fxFrom: string | null; fxTo: string | null
    }>`
      SELECT c.id, c.name, c.type, r.sent, r.delivered, r.opened, r.clicked, r.unsubscribed, r.bounced,
             l.leads, o.opportunities, c.actual_cost::text AS cost_native, ${fxConverted(costFx, sql`c.actual_cost`)}::text AS cost_conv,
             c.currency AS fx_cur, (c.actual_cost IS NOT NULL AND c.currency <> ${input.fx.target} AND cfx.rate IS NULL)::int AS fx_missing,
             cfx.effective_date::text AS fx_from, cfx.effective_date::text AS fx_to
        FROM campaigns c
        CROSS JOIN LATERAL (
          SELECT (count(*) FILTER (WHERE x.state IN ('sent', 'bounced')))::int AS sent,
                 (count(*) FILTER (WHERE x.state = 'sent'))::int AS delivered,
                 (count(*) FILTER (WHERE x.opened_at IS NOT NULL))::int AS opened,
                 (count(*) FILTER (WHERE x.clicked_at IS NOT NULL))::int AS clicked,
                 (count(*) FILTER (WHERE x.unsubscribed_at IS NOT NULL))::int AS unsubscribed,
                 (count(*) FILTER (WHERE x.state = 'bounced'))::int AS bounced
            FROM campaign_recipients x WHERE x.campaign_id = c.id) r
        CROSS JOIN LATERAL (SELECT count(*)::int AS leads FROM leads y WHERE y.campaign_id = c.id AND y.deleted_at IS NULL) l
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS opportunities FROM opportunities z WHERE z.campaign_id = c.id AND z.deleted_at IS NULL) o
        ${fxJoin(costFx)}
       WHERE c.deleted_at IS NULL
         AND coalesce(c.start_date, (c.created_at AT TIME ZONE ${params.tz})::date) BETWEEN ${params.from}::date AND ${params.to}::date
         AND (${ownedBy({ ...input, scope: null }, 'c')})
       ORDER BY coalesce(c.start_date, c.created_at::date) DESC, c.id
       LIMIT 500`.execute(db)
    // Won revenue per campaign and currency, each deal at the rate of its close date.
    const fx = fxSpec(input, 'z.currency', 'closed', 'z.closed_at')
    const { rows: wonRows } = rows.length
      ? await sql<FxRow & { k: string; wonNative: string; wonConv: string }>`
          SELECT z.campaign_id::text AS k, ${fxColumns(fx, { won: sql`z.amount` })}
            FROM opportunities z JOIN pipeline_stages s ON s.key = z.stage AND s.kind = 'won'
            ${fxJoin(fx)}
           WHERE z.campaign_id = ANY(${rows.map((r) => r.id)}::uuid[]) AND z.deleted_at IS NULL
           GROUP BY z.campaign_id, z.currency`.execute(db)
      : { rows: [] }
    const won = foldMoney(input, wonRows, (r) => r.k, ['won'] as const)
    const costs = foldMoney(input, rows.filter((r) => r.costNative !== null), (r) => r.id, ['cost'] as const)
    const target = input.fx.target
    const roi = (w: string | null, cost: string | null) => (w !== null && cost && new Big(cost).gt(0) ? Number(new Big(w).minus(cost).div(cost).times(100).toFixed(1)) : null)
    return {
      columns: [
        col(lang, 'campaign', 'text'), col(lang, 'sent', 'number'), col(lang, 'delivered', 'number'), col(lang, 'openRate', 'percent'),
        col(lang, 'clickRate', 'percent'), col(lang, 'unsubscribed', 'number'), col(lang, 'bounced', 'number'), col(lang, 'leads', 'number'),
        col(lang, 'opportunities', 'number'), col(lang, 'wonAmount', 'money'), col(lang, 'cost', 'money'), col(lang, 'costPerLead', 'money'), col(lang, 'roi', 'percent'),
      ],
      rows: rows.map((r) => {
        const w = won.get(r.id)?.money.won ?? new Money(target)
        const c = costs.get(r.id)?.money.cost
        const cost = c?.converted ?? null
        return {
          campaignId: r.id, campaign: r.name, sent: r.sent, delivered: r.delivered, openRate: pct(r.opened, r.delivered), clickRate: pct(r.clicked, r.delivered),
          unsubscribed: r.unsubscribed, bounced: r.bounced, leads: r.leads, opportunities: r.opportunities, wonAmount: w.value, cost: c ? c.value : null,
          costPerLead: cost && r.leads > 0 ? new Big(cost).div(r.leads).toFixed(2) : null, roi: roi(w.converted, cost),
          drill: { resource: 'leads' as const, filters: { campaignId: r.id } },
        }
      }),
      totals: { sent: rows.reduce((s, r) => s + r.sent, 0), leads: rows.reduce((s, r) => s + r.leads, 0), opportunities: rows.reduce((s, r) => s + r.opportunities, 0) },
    }
  },
}
