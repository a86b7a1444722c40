import { z } from 'zod'
import { id, listQueryBase, optionalText, recordMeta, requiredText, timestamp, version } from '../../lib/schema'
import { currencySchema, moneyInput } from '../../lib/money'
import { memberSchema } from '../mailing-lists/mailing-lists.schema'

export const CAMPAIGN_TYPES = ['email', 'event', 'webinar', 'ads', 'other'] as const
export const CAMPAIGN_STATUSES = ['planned', 'active', 'completed', 'cancelled'] as const
export const SEND_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'failed', 'cancelled'] as const
export const CAMPAIGN_SORTS = ['name', 'createdAt', 'updatedAt', 'startDate'] as const

const date = z.iso.date()

export const campaignSchema = z
  .object({
    ...recordMeta,
    name: z.string(),
    type: z.enum(CAMPAIGN_TYPES),
    status: z.enum(CAMPAIGN_STATUSES),
    startDate: date.nullable(),
    endDate: date.nullable(),
    budget: z.string().nullable().describe('decimal string'),
    actualCost: z.string().nullable().describe('decimal string'),
    currency: z.string(),
    ownerId: id.nullable(),
    ownerName: z.string().nullable(),
    mailingListId: id.nullable(),
    emailSubject: z.string().nullable(),
    emailBody: z.string().nullable().describe('HTML with merge fields {{name}} {{firstName}} {{company}} {{email}} {{unsubscribeUrl}}'),
    fromName: z.string().nullable(),
    messagesPerMinute: z.number().int().nullable().describe('send throttle; null = the campaign sending setting'),
    sendStatus: z.enum(SEND_STATUSES).describe('e-mail send: draft → scheduled → sending → sent (or failed / cancelled)'),
    scheduledAt: timestamp.nullable(),
    sendStartedAt: timestamp.nullable(),
    sendFinishedAt: timestamp.nullable(),
    sendError: z.string().nullable(),
    description: z.string().nullable(),
    deletedAt: timestamp.nullable(),
  })
  .meta({ id: 'Campaign' })
export type Campaign = z.infer<typeof campaignSchema>

const writable = {
  name: requiredText(200),
  type: z.enum(CAMPAIGN_TYPES).optional(),
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  startDate: date.nullable().optional(),
  endDate: date.nullable().optional(),
  budget: moneyInput.nullable().optional(),
  actualCost: moneyInput.nullable().optional(),
  currency: currencySchema.optional(),
  ownerId: id.nullable().optional(),
  mailingListId: id.nullable().optional(),
  emailSubject: optionalText(300),
  emailBody: z.string().max(500_000).nullable().optional(),
  fromName: optionalText(100),
  messagesPerMinute: z.number().int().min(1).max(100_000).nullable().optional(),
  description: optionalText(10_000),
}

export const campaignCreateSchema = z.strictObject(writable).meta({ id: 'CampaignCreate' })
export type CampaignCreate = z.infer<typeof campaignCreateSchema>

export const campaignUpdateSchema = z.strictObject({ ...writable, name: writable.name.optional(), version }).meta({ id: 'CampaignUpdate' })
export type CampaignUpdate = z.infer<typeof campaignUpdateSchema>

export const campaignListQuerySchema = z.strictObject({
  ...listQueryBase,
  q: z.string().trim().max(200).optional(),
  sort: z.string().max(30).optional().describe('name, createdAt, updatedAt, startDate; prefix - for descending. Default -createdAt'),
  type: z.enum(CAMPAIGN_TYPES).optional(),
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  sendStatus: z.enum(SEND_STATUSES).optional(),
  ownerId: id.optional(),
  deleted: z.stringbool().optional(),
})
export type CampaignListQuery = z.infer<typeof campaignListQuerySchema>

export const previewQuerySchema = z.strictObject({ memberId: id.optional().describe('a customer, contact or lead id of the list; default: its first member with an address') })
export const previewSchema = z
  .object({ to: z.string().nullable(), member: memberSchema.nullable(), subject: z.string(), html: z.string(), text: z.string() })
  .meta({ id: 'CampaignPreview' })

export const testSendSchema = z
  .strictObject({ to: z.email().max(254), memberId: id.optional().describe('render as for this member (default: the first member)') })
  .meta({ id: 'CampaignTestSend' })
export const testSentSchema = z.object({ messageId: z.string(), accepted: z.array(z.string()) }).meta({ id: 'CampaignTestSent' })

export const sendSchema = z
  .strictObject({ scheduledAt: timestamp.optional().describe('send later; omitted = now') })
  .meta({ id: 'CampaignSend' })

const rate = z.number().nullable().describe('0–1, four decimals; null when the base is 0')
export const statsSchema = z
  .object({
    recipients: z.number().int().describe('addresses the send will mail (after skipping invalid, suppressed and duplicate ones)'),
    sent: z.number().int().describe('handed to the SMTP server with a final answer: delivered + bounced'),
    delivered: z.number().int(),
    opened: z.number().int(),
    clicked: z.number().int(),
    unsubscribed: z.number().int(),
    bounced: z.number().int(),
    failed: z.number().int().describe('gave up after repeated temporary SMTP failures'),
    pending: z.number().int(),
    skipped: z.number().int(),
    skippedInvalid: z.number().int(),
    skippedSuppressed: z.number().int(),
    duplicates: z.number().int().describe('members sharing an address already in the campaign'),
    leads: z.number().int(),
    opportunities: z.number().int(),
    wonOpportunities: z.number().int(),
    wonRevenue: z.string().describe('won deals in the campaign currency, exact'),
    cost: z.string().describe('actualCost, else 0'),
    currency: z.string(),
    roi: z.string().nullable().describe('(wonRevenue − cost) / cost as a decimal ratio (1.5 = 150%); null without cost'),
    costPerLead: z.string().nullable(),
    deliveryRate: rate,
    openRate: rate.describe('opened / delivered'),
    clickRate: rate.describe('clicked / delivered'),
    unsubscribeRate: rate,
    bounceRate: rate.describe('bounced / sent'),
  })
  .meta({ id: 'CampaignStats' })
export type CampaignStats = z.infer<typeof statsSchema>

export const compareQuerySchema = z.strictObject({
  ids: z.string().max(2000).optional().describe('comma-separated campaign ids (at most 50); default: the 50 newest'),
})
export const compareRowSchema = z
  .object({ id, name: z.string(), type: z.enum(CAMPAIGN_TYPES), status: z.enum(CAMPAIGN_STATUSES), sendStatus: z.enum(SEND_STATUSES), startDate: date.nullable(), stats: statsSchema })
  .meta({ id: 'CampaignComparison' })
export const compareSchema = z.object({ items: z.array(compareRowSchema) })

export const RECIPIENT_STATES = ['pending', 'sending', 'sent', 'failed', 'bounced', 'skipped'] as const
export const recipientSchema = z
  .object({
    id,
    email: z.string(),
    name: z.string().nullable(),
    memberKind: z.string(),
    memberId: id,
    state: z.enum(RECIPIENT_STATES),
    skipReason: z.enum(['invalid', 'suppressed']).nullable(),
    attempts: z.number().int(),
    sentAt: timestamp.nullable(),
    lastError: z.string().nullable(),
    openedAt: timestamp.nullable(),
    clickedAt: timestamp.nullable(),
    unsubscribedAt: timestamp.nullable(),
  })
  .meta({ id: 'CampaignRecipient' })
export const recipientsQuerySchema = z.strictObject({ ...listQueryBase, state: z.enum(RECIPIENT_STATES).optional() })

export const sendingSettingsSchema = z
  .strictObject({
    messagesPerMinute: z.number().int().min(1).max(100_000).nullable().describe('default throttle; null = as fast as the SMTP server takes them'),
    maxAttempts: z.number().int().min(1).max(20),
    retryBaseSeconds: z.number().int().min(0).max(86_400).describe('first retry after this long, doubling each time'),
  })
  .meta({ id: 'CampaignSendingSettings' })
export type SendingSettings = z.infer<typeof sendingSettingsSchema>
