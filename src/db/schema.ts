import type { AuditChainAnchorsTable, AuditChainsTable, AuditLogTable, AuditVerificationsTable } from '../modules/audit/audit.table'
import type { UsersTable } from '../modules/users/users.table'
import type { TeamsTable } from '../modules/teams/teams.table'
import type { SessionsTable, LoginAttemptsTable } from '../modules/auth/auth.table'
import type { LoginKnownAddressesTable, LoginThrottleTable } from '../modules/auth/throttle.table'
import type { TwoFactorChallengesTable, UserRecoveryCodesTable, UserTwoFactorTable } from '../modules/auth/two-factor.table'
import type { ApiTokensTable } from '../modules/api-tokens/api-tokens.table'
import type { CustomersTable } from '../modules/customers/customers.table'
import type { ContactsTable } from '../modules/contacts/contacts.table'
import type { PipelineStagesTable } from '../modules/pipeline-stages/pipeline-stages.table'
import type { LostReasonsTable } from '../modules/lost-reasons/lost-reasons.table'
import type { OpportunitiesTable, OpportunityLinesTable } from '../modules/opportunities/opportunities.table'
import type { LeadsTable } from '../modules/leads/leads.table'
import type { ActivitiesTable } from '../modules/activities/activities.table'
import type { SettingsTable } from './settings.table'
import type { JobOwnersTable, KithProcessesTable } from './processes.table'
import type { SalesTargetsTable } from '../modules/reports/sales-targets.table'
import type { ExchangeRatesTable } from '../modules/exchange-rates/exchange-rates.table'
import type { CampaignRecipientsTable, CampaignsTable } from '../modules/campaigns/campaigns.table'
import type { MailingListMembersTable, MailingListsTable } from '../modules/mailing-lists/mailing-lists.table'
import type { SuppressionsTable } from '../modules/suppressions/suppressions.table'
import type { ProductsTable } from '../modules/products/products.table'
import type { DocumentCountersTable, QuoteLinesTable, QuoteSendsTable, QuotesTable } from '../modules/quotes/quotes.table'
import type { OrderLinesTable, OrdersTable } from '../modules/orders/orders.table'
import type { TicketAssignmentRulesTable, TicketCommentsTable, TicketEventsTable, TicketMailsTable, TicketsTable } from '../modules/tickets/tickets.table'
import type { EncryptionKeysTable } from '../modules/encryption/encryption.table'
import type { ImportChunksTable, ImportRowsTable, ImportsTable } from '../modules/imports/imports.table'

/** The whole database as Kysely sees it; each module owns its table types. */
export interface DB {
  settings: SettingsTable
  kithProcesses: KithProcessesTable
  jobOwners: JobOwnersTable
  salesTargets: SalesTargetsTable
  exchangeRates: ExchangeRatesTable
  teams: TeamsTable
  users: UsersTable
  sessions: SessionsTable
  loginAttempts: LoginAttemptsTable
  loginThrottle: LoginThrottleTable
  loginKnownAddresses: LoginKnownAddressesTable
  userTwoFactor: UserTwoFactorTable
  userRecoveryCodes: UserRecoveryCodesTable
  twoFactorChallenges: TwoFactorChallengesTable
  apiTokens: ApiTokensTable
  auditLog: AuditLogTable
  auditChains: AuditChainsTable
  auditChainAnchors: AuditChainAnchorsTable
  auditVerifications: AuditVerificationsTable
  customers: CustomersTable
  contacts: ContactsTable
  pipelineStages: PipelineStagesTable
  lostReasons: LostReasonsTable
  opportunities: OpportunitiesTable
  opportunityLines: OpportunityLinesTable
  leads: LeadsTable
  activities: ActivitiesTable
  products: ProductsTable
  documentCounters: DocumentCountersTable
  quotes: QuotesTable
  quoteLines: QuoteLinesTable
  quoteSends: QuoteSendsTable
  orders: OrdersTable
  orderLines: OrderLinesTable
  tickets: TicketsTable
  imports: ImportsTable
  importChunks: ImportChunksTable
  importRows: ImportRowsTable
  ticketComments: TicketCommentsTable
  ticketEvents: TicketEventsTable
  ticketMails: TicketMailsTable
  ticketAssignmentRules: TicketAssignmentRulesTable
  campaigns: CampaignsTable
  campaignRecipients: CampaignRecipientsTable
  mailingLists: MailingListsTable
  mailingListMembers: MailingListMembersTable
  suppressions: SuppressionsTable
  encryptionKeys: EncryptionKeysTable
}
