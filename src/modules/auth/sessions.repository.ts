import { sql, type Insertable } from 'kysely'
import type { Executor } from '../../db/database'
import type { SessionsTable } from './auth.table'

export const insertSession = (db: Executor, row: Insertable<SessionsTable>) =>
  db.insertInto('sessions').values(row).execute()

/** The session with its user, in one query (every authenticated request runs it). */
export const findSessionWithUser = (db: Executor, id: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select(['s.id', 's.csrfToken', 's.expiresAt', 's.lastSeenAt', 'u.id as userId', 'u.role', 'u.teamId', 'u.active', 'u.deletedAt'])
    .where('s.id', '=', id)
    .executeTakeFirst()

export const deleteSession = (db: Executor, id: string) => db.deleteFrom('sessions').where('id', '=', id).execute()

export const deleteSessionsOfUser = (db: Executor, userId: string, exceptId: string | null = null) =>
  db
    .deleteFrom('sessions')
    .where('userId', '=', userId)
    .$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!))
    .execute()

export const deleteExpiredSessions = (db: Executor) =>
  db.deleteFrom('sessions').where('expiresAt', '<', sql<Date>`now()`).execute()

/**
 * Marks the session used now and moves its end to the idle time-out from now, never past the
 * absolute one counted from sign-in.
 */
export const touchSession = (db: Executor, id: string, idleMinutes: number, maxDays: number) =>
  db
    .updateTable('sessions')
    .set({
      lastSeenAt: sql`now()`,
      expiresAt: sql`least(created_at + make_interval(days => ${maxDays}::int), now() + make_interval(mins => ${idleMinutes}::int))`,
    })
    .where('id', '=', id)
    .returning('expiresAt')
    .executeTakeFirst()

/** Applies shorter time-outs to every open session at once. */
export const clampSessionExpiries = (db: Executor, idleMinutes: number, maxDays: number) =>
  db
    .updateTable('sessions')
    .set({
      expiresAt: sql`least(expires_at, created_at + make_interval(days => ${maxDays}::int), last_seen_at + make_interval(mins => ${idleMinutes}::int))`,
    })
    .execute()

export const listSessionsOfUser = (db: Executor, userId: string) =>
  db
    .selectFrom('sessions')
    .select(['id', 'ref', 'userAgent', 'ip', 'createdAt', 'lastSeenAt'])
    .where('userId', '=', userId)
    .where('expiresAt', '>', sql<Date>`now()`)
    .orderBy('lastSeenAt', 'desc')
    .execute()

/** The session's cookie hash, when it is this user's (so it can be dropped from the cache too). */
export const deleteSessionByRef = async (db: Executor, userId: string, ref: string) =>
  (await db.deleteFrom('sessions').where('userId', '=', userId).where('ref', '=', ref).returning('id').executeTakeFirst())?.id

export const deleteSessionsOfUserReturning = (db: Executor, userId: string, exceptId: string) =>
  db.deleteFrom('sessions').where('userId', '=', userId).where('id', '!=', exceptId).returning('id').execute()
