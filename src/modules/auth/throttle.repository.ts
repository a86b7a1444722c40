import { sql } from 'kysely'
import type { Executor } from '../../db/database'

export interface ThrottleRule {
  /** Attempts allowed before the first delay. */
  free: number
  /** The first delay; each further attempt doubles it, up to capSeconds. */
  baseSeconds: number
  capSeconds: number
  /** A key quiet this long starts again from zero. */
  resetSeconds: number
}

/**
 * Counts one attempt against a key in a single upsert and says whether it may go ahead: none of
 * the key's row is read before it is written, so parallel attempts queue on the row's lock and
 * each sees the count the previous one left. An attempt that reaches `free` sets the delay the
 * next one must wait; while it runs, the WHERE leaves the row alone and nothing is returned.
 */
export async function takeAttempt(db: Executor, key: string, rule: ThrottleRule): Promise<boolean> {
  const next = sql`(CASE WHEN t.last_at < now() - make_interval(secs => ${rule.resetSeconds}::float8) THEN 1 ELSE t.failures + 1 END)`
  const delay = (n: unknown) =>
    sql`CASE WHEN ${n} >= ${rule.free}::int
      THEN now() + make_interval(secs => least(${rule.capSeconds}::float8, ${rule.baseSeconds}::float8 * power(2, ${n} - ${rule.free}::int)))
      END`
  const { rows } = await sql<{ failures: number }>`
    INSERT INTO login_throttle AS t (key, failures, last_at, blocked_until)
    VALUES (${key}, 1, now(), ${delay(sql`1`)})
    ON CONFLICT (key) DO UPDATE SET failures = ${next}, last_at = now(), blocked_until = ${delay(next)}
    WHERE t.blocked_until IS NULL OR t.blocked_until <= now()
    RETURNING failures`.execute(db)
  return rows.length > 0
}

/** Seconds until the latest delay among these keys ends (0 when none is running). */
export async function secondsBlocked(db: Executor, keys: string[]): Promise<number> {
  const row = await db
    .selectFrom('loginThrottle')
    .select(sql<number | null>`ceil(extract(epoch from max(blocked_until) - now()))::int`.as('seconds'))
    .where('key', 'in', keys)
    .where('blockedUntil', '>', sql<Date>`now()`)
    .executeTakeFirst()
  return Number(row?.seconds ?? 0)
}

/** Takes back an attempt that was counted but did not fail (a right password, or refused by another key). */
export async function giveBack(db: Executor, keys: string[]): Promise<void> {
  if (keys.length) await db.updateTable('loginThrottle').set({ failures: sql`greatest(failures - 1, 0)` }).where('key', 'in', keys).execute()
}

export const clearKey = (db: Executor, key: string) => db.deleteFrom('loginThrottle').where('key', '=', key).execute()

export const isKnownAddress = async (db: Executor, email: string, ip: string, since: Date) =>
  (await db
    .selectFrom('loginKnownAddresses')
    .select('ip')
    .where('email', '=', email)
    .where('ip', '=', ip)
    .where('lastSuccessAt', '>', since)
    .executeTakeFirst()) !== undefined

export const rememberAddress = (db: Executor, email: string, ip: string) =>
  db
    .insertInto('loginKnownAddresses')
    .values({ email, ip })
    .onConflict((oc) => oc.columns(['email', 'ip']).doUpdateSet({ lastSuccessAt: sql`now()` }))
    .execute()

/** Rows whose last attempt is older than the reset window say nothing any more. */
export const deleteStale = (db: Executor, olderThanSeconds: number) =>
  db
    .deleteFrom('loginThrottle')
    .where('lastAt', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds}::float8)`)
    .where((eb) => eb.or([eb('blockedUntil', 'is', null), eb('blockedUntil', '<', sql<Date>`now()`)]))
    .execute()
