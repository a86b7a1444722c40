/**
 * A queue worker on its own: `DATABASE_URL=… SMTP_URL=… tsx src/modules/campaigns/campaigns.worker.ts`.
 * Works every job queue (campaign sends among them) like the server does, without serving HTTP.
 * With KITH_RESUME_STALE_SECONDS=n it first re-enqueues campaigns whose sender stopped beating
 * n seconds ago (after a crash, without waiting for pg-boss to expire the dead job).
 */
import { parseConfig } from '../../config'
import { openDatabase } from '../../db/database'
import { createJobs } from '../../server/jobs'
import { createMailer } from '../../server/mailer'
import { createServices } from '../../services'

const config = parseConfig(process.env)
if (!config.databaseUrl) {
  console.error('DATABASE_URL is required: a separate worker shares a PostgreSQL database with the server')
  process.exit(1)
}
const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 4 })
const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom })
const jobs = createJobs(database.execSql, { error: (obj, msg) => console.error(msg, obj) }, { db: database.db, staleSeconds: config.jobRecoverySeconds, exclusive: false })
const services = createServices(database.db, config, { mailer, jobs })
await jobs.start({ work: true })
const stale = process.env.KITH_RESUME_STALE_SECONDS
if (stale !== undefined && stale !== '') await services.campaignSender.resumeStalled({ staleAfterSeconds: Number(stale) })
console.log('worker ready')

const stop = async () => {
  await jobs.stop()
  mailer.close()
  await database.close()
  process.exit(0)
}
process.once('SIGTERM', () => void stop())
process.once('SIGINT', () => void stop())
