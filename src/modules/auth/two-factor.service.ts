import type { Db, Executor } from '../../db/database'
import { AppError } from '../../server/errors'
import { assertRole } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import { findPasswordHash, findUserById } from '../users/users.repository'
import { verifyPassword } from './passwords'
import { readSecuritySettings, twoFactorRequiredFor } from './security-settings'
import * as repo from './two-factor.repository'
import { enrolment, newRecoveryCode, newTotpSecret, recoveryCodeHash, RECOVERY_CODE_COUNT } from './two-factor.totp'
import { verifySecondFactor, type SecretCipher } from './two-factor.verify'

/** New codes for a user, replacing every earlier one; only their hashes are kept. */
export async function issueRecoveryCodes(trx: Executor, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode)
  await repo.replaceRecoveryCodes(trx, userId, codes.map(recoveryCodeHash))
  return codes
}

/** Starts (or restarts) enrolment: a new secret, unconfirmed until a code from the app proves it was scanned. */
export async function startEnrolment(db: Db, userId: string, secrets: SecretCipher) {
  const user = await findUserById(db, userId)
  if (!user) throw new AppError('USER_NOT_FOUND')
  const current = await repo.findTwoFactor(db, userId)
  if (current?.confirmedAt) throw new AppError('TWO_FACTOR_ALREADY_ENABLED')
  const secret = newTotpSecret()
  await repo.upsertPendingSecret(db, userId, await secrets.seal(userId, secret))
  return enrolment(secret, user.email)
}

/** Confirms enrolment with a code from the app and hands out the recovery codes (shown once). */
export async function confirmEnrolment(db: Db, ctx: RequestContext, code: string, now: number, secrets: SecretCipher): Promise<string[]> {
  const userId = ctx.actor.userId
  const current = await repo.findTwoFactor(db, userId)
  if (!current) throw new AppError('TWO_FACTOR_NOT_ENABLED', 'Start the set-up first: no secret is waiting for confirmation')
  if (current.confirmedAt) throw new AppError('TWO_FACTOR_ALREADY_ENABLED')
  let codes: string[] = []
  await verifySecondFactor(db, userId, code, { allowRecovery: false, now, secrets }, async (trx) => {
    await repo.confirmTwoFactor(trx, userId)
    codes = await issueRecoveryCodes(trx, userId)
    await recordAudit(trx, ctx, [{ action: 'two_factor_enable', entity: 'user', entityId: userId }])
  })
  return codes
}

/** A signed-in user's own second factor: status, set-up, recovery codes, switching it off; and an admin's reset. */
export function createTwoFactorService({ db, secrets, clock = Date.now }: { db: Db; secrets: SecretCipher; clock?: () => number }) {
  async function assertPassword(userId: string, password: string) {
    const row = await findPasswordHash(db, userId)
    if (!row || !(await verifyPassword(row.passwordHash, password))) {
      throw new AppError('VALIDATION_FAILED', 'password: wrong password', { errors: [{ path: 'password', message: 'Wrong password' }] })
    }
  }

  return {
    async status(ctx: RequestContext) {
      const [row, user] = await Promise.all([repo.findTwoFactor(db, ctx.actor.userId), findUserById(db, ctx.actor.userId)])
      const enabled = !!row?.confirmedAt
      return {
        enabled,
        enabledAt: row?.confirmedAt?.toISOString() ?? null,
        recoveryCodesLeft: enabled ? await repo.countUnusedRecoveryCodes(db, ctx.actor.userId) : 0,
        required: user ? await twoFactorRequiredFor(db, user.role) : false,
      }
    },

    startEnrolment: (ctx: RequestContext) => startEnrolment(db, ctx.actor.userId, secrets),

    async confirmEnrolment(ctx: RequestContext, code: string) {
      return { recoveryCodes: await confirmEnrolment(db, ctx, code, clock(), secrets) }
    },

    /** Needs the password and a current code (or a recovery code): a stolen session alone cannot switch it off. */
    async disable(ctx: RequestContext, password: string, code: string): Promise<void> {
      const userId = ctx.actor.userId
      const user = await findUserById(db, userId)
      if (!user) throw new AppError('USER_NOT_FOUND')
      if ((await readSecuritySettings(db)).requireTwoFactorRoles.includes(user.role)) throw new AppError('TWO_FACTOR_REQUIRED', 'Your role requires two-factor authentication: it cannot be switched off')
      const row = await repo.findTwoFactor(db, userId)
      if (!row?.confirmedAt) throw new AppError('TWO_FACTOR_NOT_ENABLED')
      await assertPassword(userId, password)
      await verifySecondFactor(db, userId, code, { allowRecovery: true, now: clock(), secrets }, async (trx) => {
        await repo.deleteRecoveryCodes(trx, userId)
        await repo.deleteTwoFactor(trx, userId)
        await recordAudit(trx, ctx, [{ action: 'two_factor_disable', entity: 'user', entityId: userId }])
      })
    },

    async regenerateRecoveryCodes(ctx: RequestContext, code: string) {
      const userId = ctx.actor.userId
      const row = await repo.findTwoFactor(db, userId)
      if (!row?.confirmedAt) throw new AppError('TWO_FACTOR_NOT_ENABLED')
      let codes: string[] = []
      await verifySecondFactor(db, userId, code, { allowRecovery: false, now: clock(), secrets }, async (trx) => {
        codes = await issueRecoveryCodes(trx, userId)
        await recordAudit(trx, ctx, [{ action: 'two_factor_recovery_codes', entity: 'user', entityId: userId }])
      })
      return { recoveryCodes: codes }
    },

    /** For a user who lost his phone and his codes: he signs in with the password and, if his role requires it, enrols again. */
    async reset(ctx: RequestContext, userId: string): Promise<void> {
      assertRole(ctx.actor, 'admin')
      const user = await findUserById(db, userId)
      if (!user || user.deletedAt) throw new AppError('USER_NOT_FOUND')
      await db.transaction().execute(async (trx) => {
        const removed = await repo.deleteTwoFactor(trx, userId)
        if (!removed.numDeletedRows) throw new AppError('TWO_FACTOR_NOT_ENABLED')
        await repo.deleteRecoveryCodes(trx, userId)
        await repo.deleteChallengesOfUser(trx, userId)
        await recordAudit(trx, ctx, [{ action: 'two_factor_reset', entity: 'user', entityId: userId }])
      })
    },
  }
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>
