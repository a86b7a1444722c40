import './heap-growth'
import { loadConfig } from './config'
import { openDatabase } from './db/database'
import { DataDirError } from './db/data-dir-lock'
import { migrateToLatest } from './db/migrate'
import { buildApp } from './app'
import { KeyringError } from './modules/encryption/keyring'

const config = loadConfig()
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose: 'server' }).catch((err: unknown) => {
  if (err instanceof DataDirError) {
    console.error(err.message)
    process.exit(1)
  }
  throw err
})
await migrateToLatest(database.db)
const { app, services } = await buildApp(config, database).catch(async (err: unknown) => {
  if (!(err instanceof KeyringError)) throw err
  console.error(err.message)
  await database.close()
  process.exit(1)
})

// The embedded server works its own queue; with PostgreSQL every copy works the shared one.
await services.jobs.start({ work: true })

const admin = await services.setup.bootstrapAdmin(config.adminEmail, config.adminPassword)
if (admin) app.log.info({ email: admin }, 'created the first admin from KITH_ADMIN_EMAIL')

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down')
  await app.close()
  await database.close()
  process.exit(0)
}
process.once('SIGINT', () => void shutdown('SIGINT'))
process.once('SIGTERM', () => void shutdown('SIGTERM'))

await app.listen({ port: config.port, host: config.host })
app.log.info(
  { url: `http://localhost:${config.port}`, database: database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL' },
  (await services.setup.needsSetup()) ? 'Kith is running — open it in a browser to create the first admin' : 'Kith is running',
)
