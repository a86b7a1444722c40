import Fastify from 'fastify'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Config } from './config'
import type { Database } from './db/database'
import { loadDatabaseZones } from './db/time-zones'
import { frameworkErrors, registerErrorHandler } from './server/error-handler'
import { registerInputGuard } from './server/input-guard'
import { registerAuth } from './server/auth'
import { registerOpenApi } from './server/openapi'
import { registerWebApp } from './server/static'
import { registerSecurityHeaders } from './server/security-headers'
import { resolveSecret } from './server/secret'
import type { App } from './server/types'
import { createServices, type Services } from './services'
import { createMailer } from './server/mailer'
import { createJobs } from './server/jobs'
import { authRoutes } from './modules/auth/auth.routes'
import { sessionRoutes } from './modules/auth/sessions.routes'
import { twoFactorRoutes } from './modules/auth/two-factor.routes'
import { securitySettingsRoutes } from './modules/auth/security-settings.routes'
import { userRoutes } from './modules/users/users.routes'
import { teamRoutes } from './modules/teams/teams.routes'
import { apiTokenRoutes } from './modules/api-tokens/api-tokens.routes'
import { customerRoutes } from './modules/customers/customers.routes'
import { contactRoutes } from './modules/contacts/contacts.routes'
import { searchRoutes } from './modules/search/search.routes'
import { auditRoutes } from './modules/audit/audit.routes'
import { pipelineStageRoutes } from './modules/pipeline-stages/pipeline-stages.routes'
import { lostReasonRoutes } from './modules/lost-reasons/lost-reasons.routes'
import { opportunityRoutes } from './modules/opportunities/opportunities.routes'
import { leadRoutes } from './modules/leads/leads.routes'
import { activityRoutes } from './modules/activities/activities.routes'
import { productRoutes } from './modules/products/products.routes'
import { companyRoutes } from './modules/company/company.routes'
import { onboardingRoutes } from './modules/onboarding/onboarding.routes'
import { exchangeRateRoutes } from './modules/exchange-rates/exchange-rates.routes'
import { encryptionRoutes } from './modules/encryption/encryption.routes'
import { quoteRoutes } from './modules/quotes/quotes.routes'
import { orderRoutes } from './modules/orders/orders.routes'
import { importRoutes } from './modules/imports/imports.routes'
import { MAX_IMPORT_BYTES } from './modules/imports/imports.service'
import { registerPublicCors } from './server/public-cors'
import { reportRoutes, salesTargetRoutes } from './modules/reports/reports.routes'
import { marketingRoutes } from './modules/campaigns/campaigns.wiring'
import { ticketRoutes } from './modules/tickets/tickets.routes'
import { exportRoutes } from './modules/exports/exports.routes'
import { privacyRoutes } from './modules/privacy/privacy.routes'
import { backupRoutes } from './modules/backups/backups.routes'
import { createBackupService } from './modules/backups/backups.service'

export const BODY_LIMIT = 1024 * 1024

export interface BuildOptions {
  /** pino options, or false for silence (tests). */
  logger?: boolean | object
}

/** Assembles the whole server without listening, so tests can call it with app.inject(). */
export async function buildApp(config: Config, database: Database, opts: BuildOptions = {}): Promise<{ app: App; services: Services }> {
  const app = Fastify({
    logger: opts.logger ?? {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    },
    bodyLimit: BODY_LIMIT,
    // A hop count as proxy-addr takes it: trust the nearest n addresses (the socket's included).
    trustProxy: typeof config.trustProxy === 'number' ? (_address: string, hop: number) => hop < (config.trustProxy as number) : config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    frameworkErrors,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  registerSecurityHeaders(app, { https: config.secureCookies })

  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom })
  const jobs = createJobs(database.execSql, app.log, { db: database.db, staleSeconds: config.jobRecoverySeconds, exclusive: database.kind === 'pglite' })
  const services = createServices(database.db, config, { mailer, jobs })
  // A wrong or missing master key stops the start here, before a request could write what it cannot read back.
  await services.encryption.keyring.check()
  // Zone names are checked against what this database accepts before any request counts days in one.
  await loadDatabaseZones(database.db)
  // Beside the services: a backup needs the engine's COPY session, not only Kysely.
  const backups = createBackupService({ database, jobs, dataDir: config.dataDir, secret: config.backupPassphrase ? { passphrase: config.backupPassphrase } : undefined })
  app.addHook('onClose', async () => {
    await jobs.stop()
    mailer.close()
  })
  await app.register(cookie, { secret: await resolveSecret(database.db, config.secret) })
  await app.register(rateLimit, { global: false })
  await registerOpenApi(app)
  const spa = await registerWebApp(app)
  registerErrorHandler(app, { spa })
  registerInputGuard(app)
  registerPublicCors(app)

  await app.register(
    async (api: App) => {
      registerAuth(api, { ...services, secureCookies: config.secureCookies })
      authRoutes(api, { ...services, secureCookies: config.secureCookies, defaultRegion: config.defaultRegion })
      sessionRoutes(api, services)
      twoFactorRoutes(api, { ...services, secureCookies: config.secureCookies, defaultRegion: config.defaultRegion })
      securitySettingsRoutes(api, services)
      userRoutes(api, services)
      teamRoutes(api, services)
      apiTokenRoutes(api, services)
      customerRoutes(api, services)
      contactRoutes(api, services)
      searchRoutes(api, services)
      auditRoutes(api, services)
      pipelineStageRoutes(api, services)
      lostReasonRoutes(api, services)
      opportunityRoutes(api, services)
      leadRoutes(api, services)
      activityRoutes(api, services)
      reportRoutes(api, services)
      salesTargetRoutes(api, services)
      productRoutes(api, services)
      companyRoutes(api, services)
      onboardingRoutes(api, services)
      exchangeRateRoutes(api, services)
      encryptionRoutes(api, services)
      quoteRoutes(api, services)
      orderRoutes(api, services)
      importRoutes(api, { imports: services.imports, db: database.db }, { maxBytes: MAX_IMPORT_BYTES })
      marketingRoutes(api, services)
      ticketRoutes(api, services)
      exportRoutes(api, services)
      privacyRoutes(api, services)
      backupRoutes(api, { backups })
    },
    { prefix: '/api/v1' },
  )

  app.get('/api/health', { schema: { hide: true } }, async () => ({ ok: true }))
  return { app: app as unknown as App, services }
}
