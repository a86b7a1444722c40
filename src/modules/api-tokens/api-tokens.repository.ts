import { sql, type Insertable } from 'kysely'
import type { Executor } from '../../db/database'
import type { ApiTokensTable } from './api-tokens.table'

const columns = ['id', 'name', 'prefix', 'scopes', 'createdAt', 'expiresAt', 'lastUsedAt'] as const

export const insertApiToken = (db: Executor, row: Insertable<ApiTokensTable>) =>
  db.insertInto('apiTokens').values(row).returning(columns).executeTakeFirstOrThrow()

export const listApiTokens = (db: Executor, userId: string) =>
  db
    .selectFrom('apiTokens')
    .select(columns)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .orderBy('createdAt', 'desc')
    .execute()

export const revokeApiToken = async (db: Executor, userId: string, id: string) =>
  (
    await db
      .updateTable('apiTokens')
      .set({ revokedAt: sql`now()` })
      .where('id', '=', id)
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst()
  ).numUpdatedRows > 0n

/** Every live token of a user: a password change or reset ends what the old password let him make. */
export const revokeTokensOfUser = (db: Executor, userId: string) =>
  db.updateTable('apiTokens').set({ revokedAt: sql`now()` }).where('userId', '=', userId).where('revokedAt', 'is', null).execute()

/** The live token with its user, in one query (every token-authenticated request runs it). */
export const findActiveTokenWithUser = (db: Executor, tokenHash: string) =>
  db
    .selectFrom('apiTokens as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .select(['t.id', 't.lastUsedAt', 't.scopes', 'u.id as userId', 'u.role', 'u.teamId'])
    .where('t.tokenHash', '=', tokenHash)
    .where('t.revokedAt', 'is', null)
    .where((eb) => eb.or([eb('t.expiresAt', 'is', null), eb('t.expiresAt', '>', sql<Date>`now()`)]))
    .where('u.active', '=', true)
    .where('u.deletedAt', 'is', null)
    .executeTakeFirst()

export const touchApiToken = (db: Executor, id: string) =>
  db.updateTable('apiTokens').set({ lastUsedAt: sql`now()` }).where('id', '=', id).execute()

export type ApiTokenRow = Awaited<ReturnType<typeof insertApiToken>>
