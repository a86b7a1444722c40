import { randomBytes } from 'node:crypto'
import type { Db } from '../db/database'
import { getOrInitSetting } from '../db/settings.repository'

/**
 * KITH_SECRET signs cookies. Without it, a random secret is made once and kept in the database,
 * so sessions survive restarts and every server copy over the same database agrees on it.
 */
export async function resolveSecret(db: Db, configured: string | undefined): Promise<string> {
  return configured ?? getOrInitSetting(db, 'generated_secret', randomBytes(32).toString('base64url'))
}
