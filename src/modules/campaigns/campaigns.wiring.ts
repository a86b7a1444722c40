import type { EncryptionService } from '../encryption/encryption.service'
import type { Db } from '../../db/database'
import type { Jobs } from '../../server/jobs'
import type { Mailer } from '../../server/mailer'
import type { App } from '../../server/types'
import type { UserService } from '../users/users.service'
import { createMailingListService } from '../mailing-lists/mailing-lists.service'
import { mailingListRoutes } from '../mailing-lists/mailing-lists.routes'
import { createSuppressionService } from '../suppressions/suppressions.service'
import { suppressionRoutes } from '../suppressions/suppressions.routes'
import { createComposer } from './campaigns.compose'
import { createCampaignService } from './campaigns.service'
import { createCampaignSender, type SenderOptions } from './campaigns.sender'
import { createCampaignStats } from './campaigns.stats'
import { createCampaignTracking } from './campaigns.public'
import { campaignRoutes } from './campaigns.routes'
import { createBulkTransport } from './campaigns.transport'

/** Marketing's services (lists, suppressions, campaigns, sending, stats, tracking), wired in one place. */
export function createMarketingServices(deps: {
  db: Db
  users: UserService
  mailer: Mailer
  jobs: Jobs
  publicUrl?: string
  mailFrom?: string
  smtpUrl?: string
  sender?: SenderOptions
  /** Opens sealed customer and contact e-mails of an audience (field encryption). */
  encryption?: EncryptionService
}) {
  const { db, users, mailer, jobs } = deps
  const composer = createComposer({ publicUrl: deps.publicUrl ?? 'http://localhost:3000', mailFrom: deps.mailFrom ?? 'Kith <no-reply@localhost>' })
  const mailingLists = createMailingListService({ db, encryption: deps.encryption })
  const suppressions = createSuppressionService({ db })
  const campaigns = createCampaignService({ db, users, mailingLists, mailer, composer })
  const bulk = createBulkTransport({ smtpUrl: deps.smtpUrl, from: deps.mailFrom ?? 'Kith <no-reply@localhost>', fallback: mailer })
  const campaignSender = createCampaignSender({ db, jobs, mailer, composer, campaigns, mailingLists, suppressions, bulk, options: deps.sender })
  const campaignStats = createCampaignStats({ db, campaigns })
  const campaignTracking = createCampaignTracking({ db, suppressions })
  return { mailingLists, suppressions, campaigns, campaignSender, campaignStats, campaignTracking }
}

export type MarketingServices = ReturnType<typeof createMarketingServices>

export function marketingRoutes(api: App, services: MarketingServices) {
  mailingListRoutes(api, services)
  suppressionRoutes(api, services)
  campaignRoutes(api, services)
}
