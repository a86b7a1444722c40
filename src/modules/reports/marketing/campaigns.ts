import { sql } from 'kysely'
import Big from 'big.js'
import { col, ownedBy, pct, type ReportDefinition } from '../report'

/**
 * Campaigns starting in the range (or created in it, without a start date), compared: the e-mail
 * funnel from their recipients, the leads and deals they sourced, the revenue of those deals won,
 * cost per lead and ROI = (won revenue − cost) / cost. Money in the report currency only.
 */
export const campaignComparison: ReportDefinition = {
  name: 'campaigns',
  async run(input) {
    const { db, lang, params } = input
    const { rows } = await sql<{
      id: string; name: string; type: string; sent: number; delivered: number; opened: number; clicked: number; unsubscribed: number; bounced: number
      leads: number; opportunities: number; wonRevenue: string; otherWon: number; cost: string | null
    }>`
      SELECT c.id, c.name, c.type, r.sent, r.delivered, r.opened, r.clicked, r.unsubscribed, r.bounced,
             l.leads, o.opportunities, o.won_revenue, o.other_won, c.actual_cost::text AS cost
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
          SELECT count(*)::int AS opportunities,
                 coalesce(sum(z.amount) FILTER (WHERE s.kind = 'won' AND z.currency = ${params.currency}), 0)::text AS won_revenue,
                 (count(*) FILTER (WHERE s.kind = 'won' AND z.currency <> ${params.currency}))::int AS other_won
            FROM opportunities z JOIN pipeline_stages s ON s.key = z.stage
           WHERE z.campaign_id = c.id AND z.deleted_at IS NULL) o
       WHERE c.deleted_at IS NULL
         AND coalesce(c.start_date, (c.created_at AT TIME ZONE ${params.tz})::date) BETWEEN ${params.from}::date AND ${params.to}::date
         AND (${ownedBy({ ...input, scope: null }, 'c')})
       ORDER BY coalesce(c.start_date, c.created_at::date) DESC, c.id
       LIMIT 500`.execute(db)
    const roi = (won: string, cost: string | null) => (cost && new Big(cost).gt(0) ? Number(new Big(won).minus(cost).div(cost).times(100).toFixed(1)) : null)
    return {
      columns: [
        col(lang, 'campaign', 'text'), col(lang, 'sent', 'number'), col(lang, 'delivered', 'number'), col(lang, 'openRate', 'percent'),
        col(lang, 'clickRate', 'percent'), col(lang, 'unsubscribed', 'number'), col(lang, 'bounced', 'number'), col(lang, 'leads', 'number'),
        col(lang, 'opportunities', 'number'), col(lang, 'wonAmount', 'money'), col(lang, 'cost', 'money'), col(lang, 'costPerLead', 'money'), col(lang, 'roi', 'percent'),
      ],
      rows: rows.map((r) => ({
        campaignId: r.id, campaign: r.name, sent: r.sent, delivered: r.delivered, openRate: pct(r.opened, r.delivered), clickRate: pct(r.clicked, r.delivered),
        unsubscribed: r.unsubscribed, bounced: r.bounced, leads: r.leads, opportunities: r.opportunities, wonAmount: r.wonRevenue, cost: r.cost,
        costPerLead: r.cost && r.leads > 0 ? new Big(r.cost).div(r.leads).toFixed(2) : null, roi: roi(r.wonRevenue, r.cost),
        drill: { resource: 'leads' as const, filters: { campaignId: r.id } },
      })),
      totals: { sent: rows.reduce((s, r) => s + r.sent, 0), leads: rows.reduce((s, r) => s + r.leads, 0), opportunities: rows.reduce((s, r) => s + r.opportunities, 0) },
      otherCurrency: { n: rows.reduce((s, r) => s + r.otherWon, 0), counted: true },
    }
  },
}
