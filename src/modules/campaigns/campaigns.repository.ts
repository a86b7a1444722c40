import { sql, type Insertable, type Updateable } from 'kysely'
import type { Executor } from '../../db/database'
import { afterCondition, orderBy, type Keyset } from '../../db/keyset'
import { textMatch } from '../../db/text-search'
import type { CampaignsTable } from './campaigns.table'

const columns = [
  'c.id', 'c.name', 'c.type', 'c.status', 'c.startDate', 'c.endDate', 'c.budget', 'c.actualCost', 'c.currency', 'c.ownerId', 'c.teamId',
  'c.mailingListId', 'c.emailSubject', 'c.emailBody', 'c.fromName', 'c.links', 'c.messagesPerMinute', 'c.sendStatus', 'c.scheduledAt',
  'c.sendStartedAt', 'c.sendFinishedAt', 'c.sendHeartbeatAt', 'c.sendWorker', 'c.materializedAt', 'c.audienceSize', 'c.duplicatesSkipped',
  'c.sendError', 'c.description', 'c.createdAt', 'c.updatedAt', 'c.createdBy', 'c.version', 'c.deletedAt',
] as const

const base = (db: Executor) => db.selectFrom('campaigns as c').leftJoin('users as o', 'o.id', 'c.ownerId').select(columns).select('o.name as ownerName')

export const findCampaignById = (db: Executor, id: string) => base(db).where('c.id', '=', id).executeTakeFirst()
export const lockCampaign = (db: Executor, id: string) => base(db).where('c.id', '=', id).forUpdate('c').executeTakeFirst()
export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaignById>>>

export const insertCampaign = (db: Executor, row: Insertable<CampaignsTable>) => db.insertInto('campaigns').values(row).execute()

export const updateCampaign = (db: Executor, id: string, patch: Updateable<CampaignsTable>) =>
  db.updateTable('campaigns').set({ ...patch, updatedAt: sql`now()`, version: sql`version + 1` }).where('id', '=', id).execute()

/** Send bookkeeping (progress, heartbeat): not a user's edit, so no version bump. */
export const touchCampaign = (db: Executor, id: string, patch: Updateable<CampaignsTable>) =>
  db.updateTable('campaigns').set(patch).where('id', '=', id).execute()

export interface CampaignFilter {
  deleted: boolean
  type?: string
  status?: string
  sendStatus?: string
  ownerId?: string
  q?: string
}

export async function listCampaigns(db: Executor, f: CampaignFilter & { keyset: Keyset; limit: number }) {
  let q = base(db)
  q = f.deleted ? q.where('c.deletedAt', 'is not', null) : q.where('c.deletedAt', 'is', null)
  if (f.type) q = q.where('c.type', '=', f.type as 'email')
  if (f.status) q = q.where('c.status', '=', f.status as 'planned')
  if (f.sendStatus) q = q.where('c.sendStatus', '=', f.sendStatus as 'draft')
  if (f.ownerId) q = q.where('c.ownerId', '=', f.ownerId)
  if (f.q) q = q.where(textMatch('c.search_text', f.q, 'campaigns'))
  const after = afterCondition(f.keyset, 'c.id')
  if (after) q = q.where(after)
  return q.orderBy(orderBy(f.keyset, 'c.id')).limit(f.limit + 1).execute()
}

export const newestCampaigns = (db: Executor, limit: number) =>
  base(db).where('c.deletedAt', 'is', null).orderBy('c.createdAt', 'desc').orderBy('c.id', 'desc').limit(limit).execute()

export const campaignsByIds = (db: Executor, ids: string[]) =>
  base(db).where('c.id', 'in', ids).where('c.deletedAt', 'is', null).orderBy('c.createdAt', 'desc').execute()

export interface RecipientCounts {
  campaignId: string
  total: number
  delivered: number
  bounced: number
  failed: number
  pending: number
  skippedInvalid: number
  skippedSuppressed: number
  opened: number
  clicked: number
  unsubscribed: number
}

/** Per-campaign recipient counts, one grouped pass over the (campaign_id, state, id) index. */
export async function recipientCounts(db: Executor, ids: string[]): Promise<RecipientCounts[]> {
  if (ids.length === 0) return []
  const { rows } = await sql<RecipientCounts>`
    SELECT campaign_id AS "campaignId",
           count(*)::int AS total,
           count(*) FILTER (WHERE state = 'sent')::int AS delivered,
           count(*) FILTER (WHERE state = 'bounced')::int AS bounced,
           count(*) FILTER (WHERE state = 'failed')::int AS failed,
           count(*) FILTER (WHERE state IN ('pending', 'sending'))::int AS pending,
           count(*) FILTER (WHERE state = 'skipped' AND skip_reason = 'invalid')::int AS "skippedInvalid",
           count(*) FILTER (WHERE state = 'skipped' AND skip_reason = 'suppressed')::int AS "skippedSuppressed",
           count(opened_at)::int AS opened,
           count(clicked_at)::int AS clicked,
           count(unsubscribed_at)::int AS unsubscribed
      FROM campaign_recipients WHERE campaign_id IN (${sql.join(ids)}) GROUP BY campaign_id`.execute(db.withoutPlugins())
  return rows
}

export async function leadCounts(db: Executor, ids: string[]) {
  if (ids.length === 0) return []
  const { rows } = await sql<{ campaignId: string; leads: number }>`
    SELECT campaign_id AS "campaignId", count(*)::int AS leads FROM leads
     WHERE campaign_id IN (${sql.join(ids)}) AND deleted_at IS NULL GROUP BY campaign_id`.execute(db.withoutPlugins())
  return rows
}

/** Deals by campaign; won revenue summed exactly in SQL (numeric), per currency. */
export async function opportunityCounts(db: Executor, ids: string[]) {
  if (ids.length === 0) return []
  const { rows } = await sql<{ campaignId: string; currency: string; opportunities: number; won: number; revenue: string }>`
    SELECT o.campaign_id AS "campaignId", o.currency,
           count(*)::int AS opportunities,
           count(*) FILTER (WHERE s.kind = 'won')::int AS won,
           coalesce(sum(o.amount) FILTER (WHERE s.kind = 'won'), 0)::text AS revenue
      FROM opportunities o LEFT JOIN pipeline_stages s ON s.key = o.stage AND s.deleted_at IS NULL
     WHERE o.campaign_id IN (${sql.join(ids)}) AND o.deleted_at IS NULL
     GROUP BY o.campaign_id, o.currency`.execute(db.withoutPlugins())
  return rows
}
