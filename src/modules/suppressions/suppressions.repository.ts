import { createHash } from 'node:crypto'
import { sql, type RawBuilder } from 'kysely'
import type { Executor } from '../../db/database'
import type { SuppressionReason } from './suppressions.table'

/** The first reason an address was suppressed stays (an unsubscribe is not overwritten by a later bounce). */
export const suppress = (db: Executor, row: { email: string; reason: SuppressionReason; campaignId: string | null; detail: string | null }) =>
  db.insertInto('suppressions').values({ ...row, email: row.email.trim().toLowerCase() }).onConflict((oc) => oc.column('email').doNothing()).executeTakeFirst()

export const findSuppression = (db: Executor, email: string) =>
  db.selectFrom('suppressions').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst()

export const deleteSuppression = (db: Executor, email: string) =>
  db.deleteFrom('suppressions').where('email', '=', email.trim().toLowerCase()).executeTakeFirst()

export async function listSuppressions(db: Executor, f: { after: { at: Date; email: string } | null; limit: number; reason?: SuppressionReason }) {
  let q = db.selectFrom('suppressions').selectAll()
  if (f.reason) q = q.where('reason', '=', f.reason)
  if (f.after) q = q.where((eb) => eb.or([eb('createdAt', '<', f.after!.at), eb.and([eb('createdAt', '=', f.after!.at), eb('email', '<', f.after!.email)])]))
  return q.orderBy('createdAt', 'desc').orderBy('email', 'desc').limit(f.limit + 1).execute()
}

/**
 * The key an erased person's address keeps in the list: `sha256:` and the hex SHA-256 of the
 * lower-cased address. It says nothing to whoever does not already know the address, yet a
 * campaign that meets the address again (a re-import, a web form) finds it suppressed.
 */
export const erasedKeyOf = (email: string) => `sha256:${createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex')}`

/** erasedKeyOf in SQL, for an already lower-cased address expression. */
export const erasedKey = (email: RawBuilder<unknown>): RawBuilder<string> =>
  sql<string>`'sha256:' || encode(sha256(convert_to(${email}, 'UTF8')), 'hex')`
