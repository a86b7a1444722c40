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
    .select(['s.id', 's.csrfToken', 's.expiresAt', 'u.id as userId', 'u.role', 'u.teamId', 'u.active', 'u.deletedAt'])
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

export const recordFailedLogin = (db: Executor, email: string, ip: string | null) =>
  db.insertInto('loginAttempts').values({ email, ip }).execute()

export const countRecentFailures = async (db: Executor, email: string, since: Date) =>
  Number(
    (
      await db
        .selectFrom('loginAttempts')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('email', '=', email)
        .where('at', '>', since)
        .executeTakeFirstOrThrow()
    ).n,
  )

export const clearFailures = (db: Executor, email: string) => db.deleteFrom('loginAttempts').where('email', '=', email).execute()
