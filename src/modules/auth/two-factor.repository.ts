import { sql, type Insertable } from 'kysely'
import type { Executor } from '../../db/database'
import { newId } from '../../lib/ids'
import type { TwoFactorChallengesTable } from './two-factor.table'

export const findTwoFactor = (db: Executor, userId: string, lock = false) =>
  db
    .selectFrom('userTwoFactor')
    .selectAll()
    .where('userId', '=', userId)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst()

/** A fresh unconfirmed secret replaces an earlier unconfirmed one; a confirmed one is never overwritten here. */
export const upsertPendingSecret = (db: Executor, userId: string, secret: string) =>
  db
    .insertInto('userTwoFactor')
    .values({ userId, secret })
    .onConflict((oc) => oc.column('userId').doUpdateSet({ secret, lastUsedStep: null, updatedAt: new Date() }).where('userTwoFactor.confirmedAt', 'is', null))
    .executeTakeFirst()

export const confirmTwoFactor = (db: Executor, userId: string) =>
  db.updateTable('userTwoFactor').set({ confirmedAt: new Date(), updatedAt: new Date() }).where('userId', '=', userId).execute()

/** Records the step as used unless it, or a later one, already was: one statement, so two racing requests cannot both pass. */
export const claimStep = async (db: Executor, userId: string, step: number) =>
  (
    await db
      .updateTable('userTwoFactor')
      .set({ lastUsedStep: step })
      .where('userId', '=', userId)
      .where((eb) => eb.or([eb('lastUsedStep', 'is', null), eb('lastUsedStep', '<', step)]))
      .executeTakeFirst()
  ).numUpdatedRows > 0n

export const setFailures = (db: Executor, userId: string, failedCount: number, failedSince: Date | null) =>
  db.updateTable('userTwoFactor').set({ failedCount, failedSince }).where('userId', '=', userId).execute()

export const deleteTwoFactor = (db: Executor, userId: string) => db.deleteFrom('userTwoFactor').where('userId', '=', userId).executeTakeFirst()

export const replaceRecoveryCodes = async (db: Executor, userId: string, hashes: string[]) => {
  await db.deleteFrom('userRecoveryCodes').where('userId', '=', userId).execute()
  await db.insertInto('userRecoveryCodes').values(hashes.map((codeHash) => ({ id: newId(), userId, codeHash }))).execute()
}

export const deleteRecoveryCodes = (db: Executor, userId: string) => db.deleteFrom('userRecoveryCodes').where('userId', '=', userId).execute()

/** Marks the code used in the same statement that finds it unused: a code works once. */
export const useRecoveryCode = async (db: Executor, userId: string, codeHash: string) =>
  (
    await db
      .updateTable('userRecoveryCodes')
      .set({ usedAt: new Date() })
      .where('userId', '=', userId)
      .where('codeHash', '=', codeHash)
      .where('usedAt', 'is', null)
      .executeTakeFirst()
  ).numUpdatedRows > 0n

export const countUnusedRecoveryCodes = async (db: Executor, userId: string) =>
  Number(
    (
      await db
        .selectFrom('userRecoveryCodes')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('userId', '=', userId)
        .where('usedAt', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  )

export const insertChallenge = (db: Executor, row: Insertable<TwoFactorChallengesTable>) => db.insertInto('twoFactorChallenges').values(row).execute()

export const deleteExpiredChallenges = (db: Executor) =>
  db.deleteFrom('twoFactorChallenges').where('expiresAt', '<', sql<Date>`now()`).execute()

export const findChallenge = (db: Executor, id: string) =>
  db
    .selectFrom('twoFactorChallenges as c')
    .innerJoin('users as u', 'u.id', 'c.userId')
    .select(['c.id', 'c.userId', 'c.purpose', 'c.attempts', 'c.expiresAt', 'u.email', 'u.role', 'u.teamId', 'u.active', 'u.deletedAt'])
    .where('c.id', '=', id)
    .executeTakeFirst()

export const countChallengeAttempt = async (db: Executor, id: string) =>
  (await db.updateTable('twoFactorChallenges').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', id).returning('attempts').executeTakeFirst())?.attempts ?? Infinity

export const deleteChallenge = (db: Executor, id: string) => db.deleteFrom('twoFactorChallenges').where('id', '=', id).execute()

export const deleteChallengesOfUser = (db: Executor, userId: string) => db.deleteFrom('twoFactorChallenges').where('userId', '=', userId).execute()

/** Users of these roles who have no confirmed second factor: their sessions end when the rule starts to apply. */
export const usersWithoutTwoFactor = (db: Executor, roles: readonly string[]) =>
  db
    .selectFrom('users as u')
    .leftJoin('userTwoFactor as t', 't.userId', 'u.id')
    .select('u.id')
    .where('u.role', 'in', roles as never)
    .where('t.confirmedAt', 'is', null)
    .execute()

export const recoveryCodeExists = async (db: Executor, userId: string, codeHash: string) =>
  !!(await db.selectFrom('userRecoveryCodes').select('id').where('userId', '=', userId).where('codeHash', '=', codeHash).executeTakeFirst())
