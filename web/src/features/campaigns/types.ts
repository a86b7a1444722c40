import type { z } from 'zod'
import type {
  Campaign,
  CampaignListQuery,
  CampaignStats,
  campaignCreateSchema,
  campaignUpdateSchema,
  compareRowSchema,
  previewSchema,
  recipientSchema,
  testSentSchema,
} from '@server/modules/campaigns/campaigns.schema'

export type { Campaign, CampaignStats }
export type CampaignInput = z.input<typeof campaignCreateSchema>
export type CampaignPatch = z.input<typeof campaignUpdateSchema>
export type CampaignChanges = Omit<CampaignPatch, 'version'>
export type CampaignListParams = Partial<CampaignListQuery>
export type CampaignType = Campaign['type']
export type CampaignStatus = Campaign['status']
export type SendStatus = Campaign['sendStatus']
export type CampaignPreview = z.infer<typeof previewSchema>
export type ComparisonRow = z.infer<typeof compareRowSchema>
export type Recipient = z.infer<typeof recipientSchema>
export type TestSent = z.infer<typeof testSentSchema>

/** Tag colour per value; the keys are the lists of values (checked complete by the type). */
export const TYPE_COLORS = { email: 'blue', event: 'magenta', webinar: 'purple', ads: 'orange', other: 'default' } as const satisfies Record<CampaignType, string>
export const STATUS_COLORS = { planned: 'default', active: 'processing', completed: 'success', cancelled: 'error' } as const satisfies Record<CampaignStatus, string>
export const SEND_STATUS_COLORS = { draft: 'default', scheduled: 'gold', sending: 'processing', sent: 'success', failed: 'error', cancelled: 'default' } as const satisfies Record<SendStatus, string>
export const CAMPAIGN_TYPES = Object.keys(TYPE_COLORS) as CampaignType[]
export const CAMPAIGN_STATUSES = Object.keys(STATUS_COLORS) as CampaignStatus[]

export const campaignKeys = {
  all: ['campaigns'] as const,
  lists: () => [...campaignKeys.all, 'list'] as const,
  list: (params: CampaignListParams) => [...campaignKeys.lists(), params] as const,
  detail: (id: string) => [...campaignKeys.all, 'detail', id] as const,
  stats: (id: string) => [...campaignKeys.all, 'stats', id] as const,
  preview: (id: string, memberId: string | undefined, version: number) => [...campaignKeys.all, 'preview', id, memberId, version] as const,
  comparison: (ids: string[]) => [...campaignKeys.all, 'comparison', ids] as const,
}
