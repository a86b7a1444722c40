import { createLostReasonService } from './modules/lost-reasons/lost-reasons.service'
import { setPhoneRegion } from './lib/phone'
import type { Config } from './config'
import { execSqlIn, type Db } from './db/database'
import { createMailer, type Mailer } from './server/mailer'
import { createJobs, type Jobs } from './server/jobs'
import { createAuditService } from './modules/audit/audit.service'
import { createAuditIntegrity } from './modules/audit/audit.integrity'
import { createImportService } from './modules/imports/imports.service'
import { createUserService } from './modules/users/users.service'
import type { TeamFollower } from './db/owner-team'
import { createTeamService } from './modules/teams/teams.service'
import { createAuthService } from './modules/auth/auth.service'
import { createSessionCache } from './modules/auth/session-cache'
import { createLoginThrottle } from './modules/auth/throttle'
import { createSessionsService } from './modules/auth/sessions.service'
import type { SignInGate } from './modules/auth/auth.service'
import { createTwoFactorService } from './modules/auth/two-factor.service'
import { createTwoFactorSignIn } from './modules/auth/two-factor.signin'
import { createSecuritySettingsService } from './modules/auth/security-settings'
import { createReportService } from './modules/reports/reports.service'
import { createSalesTargetService } from './modules/reports/sales-targets.service'
import { createApiTokenService } from './modules/api-tokens/api-tokens.service'
import { createSetupService } from './modules/setup/setup.service'
import { createCustomerService, type CustomerDependent } from './modules/customers/customers.service'
import { createContactService } from './modules/contacts/contacts.service'
import { createSearchService } from './modules/search/search.service'
import { createLeadService, type LeadDependent } from './modules/leads/leads.service'
import { createLeadRouting } from './modules/leads/leads.routing'
import { createLeadConversion } from './modules/leads/leads.convert'
import { createActivityService } from './modules/activities/activities.service'
import { createStageService, type StageUsage } from './modules/pipeline-stages/pipeline-stages.service'
import { createOpportunityService, type OpportunityDependent } from './modules/opportunities/opportunities.service'
import { createProductService } from './modules/products/products.service'
import { createCompanyService } from './modules/company/company.service'
import { createOnboardingService } from './modules/onboarding/onboarding.service'
import { createExchangeRateService } from './modules/exchange-rates/exchange-rates.service'
import { createOrderService } from './modules/orders/orders.service'
import { createQuoteService } from './modules/quotes/quotes.service'
import { createQuoteAcceptance } from './modules/quotes/quotes.accept'
import { createQuoteSending } from './modules/quotes/quotes.send'
import { createMarketingServices } from './modules/campaigns/campaigns.wiring'
import { createTicketService } from './modules/tickets/tickets.service'
import { createTicketAssignment } from './modules/tickets/tickets.assign'
import { createTicketSla } from './modules/tickets/tickets.sla'
import { createTicketMail } from './modules/tickets/tickets.mail'
import { resolveSecret } from './server/secret'
import { createExportService } from './modules/exports/exports.service'
import { createEncryptionService } from './modules/encryption/encryption.service'
import { createKeyring } from './modules/encryption/keyring'
import { createPrivacyService } from './modules/privacy/privacy.service'

/** What services reach outside the database: SMTP and the durable job queue. */
export interface Infra {
  mailer: Mailer
  jobs: Jobs
}

type ServiceConfig = Pick<Config, 'defaultRegion' | 'loginMaxAttempts'> & Partial<Pick<Config, 'publicUrl' | 'mailFrom' | 'sessionCacheSeconds' | 'smtpUrl' | 'encryptionKey' | 'importDraftHours' | 'secret'>>

/**
 * The CLI, seed and bench wire services without SMTP; a job they enqueue waits in the shared
 * queue for a server to work it.
 */
const offlineInfra = (db: Db): Infra => ({
  mailer: createMailer({ from: 'Kith <no-reply@localhost>' }),
  jobs: createJobs(execSqlIn(db), { error: (obj, msg) => console.error(msg, obj) }),
})

/** Wires every module's service with its explicit dependencies (no container). */
export function createServices(db: Db, config: ServiceConfig, infra: Infra = offlineInfra(db)) {
  const { mailer, jobs } = infra
  setPhoneRegion(config.defaultRegion)
  const audit = createAuditService({ db })
  const encryption = createEncryptionService({ db, keyring: createKeyring(db, config.encryptionKey), jobs })
  const auditIntegrity = createAuditIntegrity({ db, jobs })
  const sessionCache = createSessionCache(config.sessionCacheSeconds ?? 0)
  // Filled below as the modules whose records follow their owner's team are built.
  const teamFollowers: TeamFollower[] = []
  const users = createUserService({ db, sessionCache, teamFollowers })
  const teams = createTeamService({ db })
  const signInGates: SignInGate[] = []
  const auth = createAuthService({ db, throttle: createLoginThrottle({ db, free: config.loginMaxAttempts }), sessionCache, gates: signInGates })
  const sessions = createSessionsService({ db, sessionCache })
  // TOTP secrets are a stored credential: sealed whenever KITH_ENCRYPTION_KEY is set.
  const totpSecrets = encryption.credential('userTwoFactor.secret')
  const twoFactor = createTwoFactorService({ db, secrets: totpSecrets })
  const twoFactorSignIn = createTwoFactorSignIn({ db, auth, secrets: totpSecrets })
  signInGates.push(twoFactorSignIn.gate)
  const securitySettings = createSecuritySettingsService({ db, sessionCache })
  const apiTokens = createApiTokenService({ db })
  const setup = createSetupService({ db, auth })
  const dependents: CustomerDependent[] = []
  const customers = createCustomerService({ db, users, audit, defaultRegion: config.defaultRegion, encryption, dependents })
  const contacts = createContactService({ db, customers, defaultRegion: config.defaultRegion, encryption })
  dependents.push(contacts.dependent)
  const stageUsages: StageUsage[] = []
  const pipelineStages = createStageService({ db, usages: stageUsages })
  const lostReasons = createLostReasonService({ db })
  const opportunityDependents: OpportunityDependent[] = []
  const products = createProductService({ db })
  const opportunities = createOpportunityService({ db, users, customers, contacts, stages: pipelineStages, lostReasons, audit, dependents: opportunityDependents, products })
  dependents.push(opportunities.dependent)
  stageUsages.push(opportunities.stageUsage)
  const leadRouting = createLeadRouting({ db, users })
  const leadDependents: LeadDependent[] = []
  const leads = createLeadService({ db, users, audit, customers, contacts, routing: leadRouting, defaultRegion: config.defaultRegion, dependents: leadDependents })
  // The tickets service is built below (its own dependencies come later); activities call it only per request.
  const ticketReader = { visible: (...args: Parameters<typeof tickets.visible>) => tickets.visible(...args) }
  const activities = createActivityService({ db, users, customers, contacts, leads, opportunities, tickets: ticketReader })
  // First: a purged customer's activities must go before the contacts and deals they point at.
  dependents.unshift(activities.dependent)
  leadDependents.push(activities.leadDependent)
  opportunityDependents.push(activities.opportunityDependent, leads.opportunityDependent)
  const leadConversion = createLeadConversion({ db, leads, users, customers, contacts, opportunities, dependents: leadDependents })
  const company = createCompanyService({ db })
  const onboarding = createOnboardingService({ db, company })
  const exchangeRates = createExchangeRateService({ db })
  const orders = createOrderService({ db })
  const quotes = createQuoteService({ db, opportunities, customers, contacts, products, company, encryption })
  dependents.push(quotes.dependent, orders.dependent)
  teamFollowers.push(customers.teamFollower, leads.teamFollower, opportunities.teamFollower, activities.teamFollower, quotes.teamFollower, orders.teamFollower)
  const quoteAcceptance = createQuoteAcceptance({ db, quotes, orders, opportunities })
  const messageIdDomain = config.publicUrl ? new URL(config.publicUrl).hostname : 'kith.localhost'
  const quoteSending = createQuoteSending({ db, quotes, customers, company, activities, mailer, messageIdDomain, users, mailFrom: config.mailFrom ?? 'Kith <no-reply@localhost>' })
  const ticketAssignment = createTicketAssignment({ db })
  const ticketSla = createTicketSla({ db, now: () => new Date() })
  const ticketMail = createTicketMail({
    db, jobs, mailer, company, encryption, messageIdDomain,
    publicUrl: config.publicUrl ?? 'http://localhost:3000',
    mailFrom: config.mailFrom ?? 'Kith <no-reply@localhost>',
    secret: () => resolveSecret(db, config.secret),
  })
  const tickets = createTicketService({ db, audit, customers, contacts, orders, products, assignment: ticketAssignment, defaultRegion: config.defaultRegion, encryption, mail: ticketMail })
  dependents.push(tickets.customerDependent)
  const search = createSearchService({ customers, contacts, leads, opportunities, tickets })
  const exports = createExportService({ db, customers, contacts, leads, opportunities, pipelineStages })
  const marketing = createMarketingServices({ db, users, mailer, jobs, encryption, publicUrl: config.publicUrl, mailFrom: config.mailFrom, smtpUrl: config.smtpUrl })
  const imports = createImportService({ db, jobs, defaultRegion: config.defaultRegion, draftHours: config.importDraftHours, encryption })
  const reports = createReportService({ db })
  const salesTargets = createSalesTargetService({ db, users })
  const privacy = createPrivacyService({ db, encryption })
  return { encryption, reports, salesTargets, privacy, ...marketing, imports, mailer, jobs, audit, auditIntegrity, users, teams, auth, sessions, twoFactor, twoFactorSignIn, securitySettings, apiTokens, setup, customers, contacts, search, leads, leadRouting, leadConversion, activities, pipelineStages, lostReasons, opportunities, exports, tickets, ticketAssignment, ticketSla, ticketMail, products, company, onboarding, exchangeRates, orders, quotes, quoteAcceptance, quoteSending }
}

export type Services = ReturnType<typeof createServices>
