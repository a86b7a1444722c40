import type { LightMyRequestResponse } from 'fastify'
import { buildApp } from '../app'
import { parseConfig, type Config } from '../config'
import { sessionCookieName } from '../server/auth'
import type { App } from '../server/types'
import type { Services } from '../services'
import { createTestDatabase } from './test-db'
import type { Database } from '../db/database'

export interface TestApp {
  app: App
  database: Database
  db: Database['db']
  services: Services
  config: Config
  close(): Promise<void>
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase()
  const config = parseConfig({ KITH_SECRET: 'test-secret-test-secret-test-secret!', LOG_LEVEL: 'silent', ...env })
  const { app, services } = await buildApp(config, database, { logger: false })
  await app.ready()
  return {
    app,
    database,
    db: database.db,
    services,
    config,
    close: async () => {
      await app.close()
      await database.close()
    },
  }
}

/** Headers that authenticate as a user: a signed session cookie plus its CSRF token. */
export type AuthHeaders = Record<string, string>

export async function sessionFor(t: TestApp, userId: string): Promise<AuthHeaders> {
  const { token, csrfToken } = await t.services.auth.openSession(userId, { requestId: 'test' })
  return { cookie: `${sessionCookieName(t.config.secureCookies)}=${t.app.signCookie(token)}`, 'x-csrf-token': csrfToken }
}

export const json = <T = any>(res: LightMyRequestResponse): T => res.json() as T
