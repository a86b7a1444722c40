import Big from 'big.js'
import type { Db } from '../../db/database'
import { fieldError } from '../../server/errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { listRecipients } from './campaigns.recipients.repository'
import type { RequestContext } from '../../server/context'
import * as repo from './campaigns.repository'
import { assertCampaignAccess, type CampaignService } from './campaigns.service'
import type { CampaignStats } from './campaigns.schema'

const ratio = (n: number, d: number) => (d > 0 ? Number((n / d).toFixed(4)) : null)

/** Effect analysis: recipient counts, sourced leads and deals, won revenue, cost, ROI — exact money. */
export function createCampaignStats({ db, campaigns }: { db: Db; campaigns: CampaignService }) {
  /** Stats of several campaigns from three grouped queries, whatever their number. */
  async function statsFor(rows: repo.CampaignRow[]): Promise<Map<string, CampaignStats>> {
    const ids = rows.map((r) => r.id)
    const [counts, leads, opps] = await Promise.all([repo.recipientCounts(db, ids), repo.leadCounts(db, ids), repo.opportunityCounts(db, ids)])
    const byId = new Map(counts.map((c) => [c.campaignId, c]))
    const leadsById = new Map(leads.map((l) => [l.campaignId, l.leads]))
    const out = new Map<string, CampaignStats>()
    for (const row of rows) {
      const c = byId.get(row.id)
      const skippedInvalid = c?.skippedInvalid ?? 0
      const skippedSuppressed = c?.skippedSuppressed ?? 0
      const skipped = skippedInvalid + skippedSuppressed
      const delivered = c?.delivered ?? 0
      const bounced = c?.bounced ?? 0
      const sent = delivered + bounced
      const recipients = (c?.total ?? 0) - skipped
      const mine = opps.filter((o) => o.campaignId === row.id)
      const wonRevenue = mine.filter((o) => o.currency === row.currency).reduce((acc, o) => acc.plus(o.revenue), new Big(0))
      const cost = new Big(row.actualCost ?? '0')
      const leadCount = leadsById.get(row.id) ?? 0
      out.set(row.id, {
        recipients,
        sent,
        delivered,
        opened: c?.opened ?? 0,
        clicked: c?.clicked ?? 0,
        unsubscribed: c?.unsubscribed ?? 0,
        bounced,
        failed: c?.failed ?? 0,
        pending: c?.pending ?? 0,
        skipped,
        skippedInvalid,
        skippedSuppressed,
        duplicates: row.duplicatesSkipped ?? 0,
        leads: leadCount,
        opportunities: mine.reduce((n, o) => n + o.opportunities, 0),
        wonOpportunities: mine.reduce((n, o) => n + o.won, 0),
        wonRevenue: wonRevenue.toFixed(2),
        cost: cost.toFixed(2),
        currency: row.currency,
        roi: cost.gt(0) ? wonRevenue.minus(cost).div(cost).round(4, Big.roundHalfUp).toFixed(4) : null,
        costPerLead: leadCount > 0 ? cost.div(leadCount).round(2, Big.roundHalfUp).toFixed(2) : null,
        deliveryRate: ratio(delivered, sent),
        openRate: ratio(c?.opened ?? 0, delivered),
        clickRate: ratio(c?.clicked ?? 0, delivered),
        unsubscribeRate: ratio(c?.unsubscribed ?? 0, delivered),
        bounceRate: ratio(bounced, sent),
      })
    }
    return out
  }

  const iso = (d: Date | null) => (d ? d.toISOString() : null)

  return {
    async recipients(ctx: RequestContext, id: string, query: { state?: string; cursor?: string; limit: number }) {
      await campaigns.visible(ctx, id, 'recipients')
      let after: string | null = null
      if (query.cursor) {
        const c = decodeCursor(query.cursor, 'recipients')
        if (!c) throw fieldError('cursor', 'Invalid cursor')
        after = c.id
      }
      const rows = await listRecipients(db, id, { state: query.state, after, limit: query.limit })
      const page = rows.slice(0, query.limit)
      return {
        items: page.map((r) => ({ ...r, sentAt: iso(r.sentAt), openedAt: iso(r.openedAt), clickedAt: iso(r.clickedAt), unsubscribedAt: iso(r.unsubscribedAt) })),
        nextCursor: rows.length > query.limit ? encodeCursor({ s: 'recipients', v: null, id: page.at(-1)!.id }) : null,
      }
    },

    async stats(ctx: RequestContext, id: string): Promise<CampaignStats> {
      const row = await campaigns.visible(ctx, id, 'results')
      return (await statsFor([row])).get(id)!
    },

    /** The comparison table: chosen campaigns (or the 50 newest), each with its stats. */
    async compare(ctx: RequestContext, idsParam?: string) {
      assertCampaignAccess(ctx.actor, 'results')
      let rows: repo.CampaignRow[]
      if (idsParam) {
        const ids = [...new Set(idsParam.split(',').map((s) => s.trim()).filter(Boolean))]
        const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
        if (ids.length > 50 || ids.some((i) => !uuid.test(i))) throw fieldError('ids', 'At most 50 comma-separated campaign ids')
        rows = ids.length ? await repo.campaignsByIds(db, ids) : []
      } else {
        rows = await repo.newestCampaigns(db, 50)
      }
      const stats = await statsFor(rows)
      return { items: rows.map((r) => ({ id: r.id, name: r.name, type: r.type, status: r.status, sendStatus: r.sendStatus, startDate: r.startDate, stats: stats.get(r.id)! })) }
    },
  }
}

export type CampaignStatsService = ReturnType<typeof createCampaignStats>
