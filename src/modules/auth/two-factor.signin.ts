import type { Db } from '../../db/database'
import { AppError } from '../../server/errors'
import { recordAudit } from '../audit/audit.service'
import { findUserById } from '../users/users.repository'
import type { AuthService, ClientMeta, PendingSignIn, SignedIn, SignInGate } from './auth.service'
import { twoFactorRequiredFor } from './security-settings'
import { newSecret, sha256 } from './tokens'
import * as repo from './two-factor.repository'
import { confirmEnrolment, startEnrolment } from './two-factor.service'
import { verifySecondFactor, type SecretCipher } from './two-factor.verify'

/** Long enough to open an app and type a code, short enough that a found token is soon worthless. */
const CHALLENGE_MINUTES = 5
/** Wrong codes one challenge takes before the password must be given again. */
export const CHALLENGE_ATTEMPTS = 5

/**
 * The second step of signing in. A right password yields a challenge token (not a session: it opens
 * nothing but these calls); the code, a recovery code, or a finished enrolment turns it into a session.
 */
export function createTwoFactorSignIn({ db, auth, secrets, clock = Date.now }: { db: Db; auth: AuthService; secrets: SecretCipher; clock?: () => number }) {
  const gate: SignInGate = async (user, meta) => {
    const row = await repo.findTwoFactor(db, user.id)
    const purpose = row?.confirmedAt ? 'verify' : (await twoFactorRequiredFor(db, user.role)) ? 'enrol' : null
    if (!purpose) return null
    const token = newSecret()
    const expiresAt = new Date(clock() + CHALLENGE_MINUTES * 60_000)
    await repo.deleteExpiredChallenges(db)
    await repo.insertChallenge(db, { id: sha256(token), userId: user.id, purpose, expiresAt })
    await recordAudit(db, { actor: { userId: user.id }, requestId: meta.requestId, ip: meta.ip }, [
      { action: 'login_second_step', entity: 'user', entityId: user.id, changes: { purpose } },
    ])
    return { pending: { token, purpose, expiresAt: expiresAt.toISOString() } } satisfies PendingSignIn
  }

  async function challenge(token: string, purpose: 'verify' | 'enrol') {
    const found = await repo.findChallenge(db, sha256(token))
    if (!found || found.purpose !== purpose || found.expiresAt.getTime() < clock() || !found.active || found.deletedAt) {
      throw new AppError('TWO_FACTOR_CHALLENGE_INVALID')
    }
    return found
  }

  /** Counts a wrong code against the challenge; the last allowed one ends it. */
  async function withAttempts<T>(id: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (err) {
      if (err instanceof AppError && (err.code === 'TWO_FACTOR_CODE_INVALID' || err.code === 'TWO_FACTOR_CODE_REUSED')) {
        if ((await repo.countChallengeAttempt(db, id)) >= CHALLENGE_ATTEMPTS) await repo.deleteChallenge(db, id)
      }
      throw err
    }
  }

  /** `previousToken`: the session the browser still held ends, as after a sign-in by password alone. */
  async function finish(id: string, userId: string, email: string, meta: ClientMeta, previousToken?: string): Promise<SignedIn> {
    await repo.deleteChallenge(db, id)
    const user = await findUserById(db, userId)
    if (!user) throw new AppError('TWO_FACTOR_CHALLENGE_INVALID')
    return auth.finishLogin(user, email, meta, previousToken)
  }

  return {
    gate,

    async verify(token: string, code: string, meta: ClientMeta, previousToken?: string): Promise<SignedIn & { recoveryCodesLeft: number }> {
      const c = await challenge(token, 'verify')
      const ctx = { actor: { userId: c.userId }, requestId: meta.requestId, ip: meta.ip }
      try {
        const via = await withAttempts(c.id, () => verifySecondFactor(db, c.userId, code, { allowRecovery: true, now: clock(), secrets }))
        if (via === 'recovery') await recordAudit(db, ctx, [{ action: 'two_factor_recovery_used', entity: 'user', entityId: c.userId }])
      } catch (err) {
        if (err instanceof AppError && err.status !== 429) await recordAudit(db, ctx, [{ action: 'login_failed', entity: 'user', entityId: c.userId, changes: { email: c.email, step: 'two_factor' } }])
        throw err
      }
      const signedIn = await finish(c.id, c.userId, c.email, meta, previousToken)
      return { ...signedIn, recoveryCodesLeft: await repo.countUnusedRecoveryCodes(db, c.userId) }
    },

    async startEnrolment(token: string) {
      const c = await challenge(token, 'enrol')
      return startEnrolment(db, c.userId, secrets)
    },

    async confirmEnrolment(token: string, code: string, meta: ClientMeta, previousToken?: string): Promise<SignedIn & { recoveryCodes: string[] }> {
      const c = await challenge(token, 'enrol')
      const ctx = { actor: { userId: c.userId, role: c.role, teamId: c.teamId }, requestId: meta.requestId, ip: meta.ip }
      const recoveryCodes = await withAttempts(c.id, () => confirmEnrolment(db, ctx, code, clock(), secrets))
      return { ...(await finish(c.id, c.userId, c.email, meta, previousToken)), recoveryCodes }
    },
  }
}

export type TwoFactorSignIn = ReturnType<typeof createTwoFactorSignIn>
