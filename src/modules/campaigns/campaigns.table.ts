import type { Generated, JSONColumnType } from 'kysely'

export type CampaignType = 'email' | 'event' | 'webinar' | 'ads' | 'other'
export type CampaignStatus = 'planned' | 'active' | 'completed' | 'cancelled'
export type SendStatus = 'draft' | 'scheduled' | 'sending' | 'sent' | 'failed' | 'cancelled'
export type RecipientState = 'pending' | 'sending' | 'sent' | 'failed' | 'bounced' | 'skipped'

/** Money columns are numeric(18,2), read and written as decimal strings. */
export interface CampaignsTable {
  id: string
  name: string
  type: Generated<CampaignType>
  status: Generated<CampaignStatus>
  /** YYYY-MM-DD. */
  startDate: string | null
  endDate: string | null
  budget: string | null
  actualCost: string | null
  currency: Generated<string>
  ownerId: string | null
  teamId: string | null
  mailingListId: string | null
  emailSubject: string | null
  emailBody: string | null
  fromName: string | null
  /** The URLs of the template's links, in order: a click redirects only to one of these. */
  links: JSONColumnType<string[], string | undefined, string>
  messagesPerMinute: number | null
  sendStatus: Generated<SendStatus>
  scheduledAt: Date | null
  sendStartedAt: Date | null
  sendFinishedAt: Date | null
  /** The job holding the send lease; a lease older than its heartbeat timeout belongs to a dead worker. */
  sendHeartbeatAt: Date | null
  sendWorker: string | null
  /** Bumped whenever a worker takes the send lease; recipient writes carry it, so a worker that lost the lease writes nothing. */
  sendEpoch: Generated<number>
  materializedAt: Date | null
  audienceSize: number | null
  duplicatesSkipped: number | null
  sendError: string | null
  description: string | null
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
  createdBy: string | null
  version: Generated<number>
  deletedAt: Date | null
  searchText: Generated<string>
}

export interface CampaignRecipientsTable {
  id: Generated<string>
  campaignId: string
  email: string
  name: string | null
  company: string | null
  memberKind: string
  memberId: string
  token: Generated<string>
  state: Generated<RecipientState>
  skipReason: 'invalid' | 'suppressed' | null
  attempts: Generated<number>
  nextAttemptAt: Date | null
  claimedAt: Date | null
  sentAt: Date | null
  messageId: string | null
  lastError: string | null
  openedAt: Date | null
  openCount: Generated<number>
  clickedAt: Date | null
  clickCount: Generated<number>
  unsubscribedAt: Date | null
  createdAt: Generated<Date>
}
