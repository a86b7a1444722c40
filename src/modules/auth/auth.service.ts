import type { Db, Executor } from '../../db/database'
import { AppError } from '../../server/errors'
import type { Actor, RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import { findUserById, findUserForLogin, findPasswordHash, updateUser } from '../users/users.repository'
import { toUser } from '../users/users.service'
import type { User } from '../users/users.schema'
import type { UserRow } from '../users/users.repository'
import type { Role } from '../../server/context'
import { dummyHash, hashPassword, verifyPassword } from './passwords'
import { assertPasswordPolicy } from './password-policy'
import { revokeTokensOfUser } from '../api-tokens/api-tokens.repository'
import { newSecret, sha256 } from './tokens'
import * as sessions from './sessions.repository'
import type { SessionCache } from './session-cache'

export const SESSION_DAYS = 14
const FAILURE_WINDOW_MS = 15 * 60 * 1000

export interface ClientMeta {
  requestId: string
  ip?: string
  userAgent?: string
}

export interface SignedIn {
  token: string
  user: User
  csrfToken: string
}

/** A right password that still needs a second step: the client continues at /auth/login/two-factor… with this token. */
export interface PendingSignIn {
  pending: { token: string; purpose: 'verify' | 'enrol'; expiresAt: string }
}

/** Asked after a right password: returns the pending second step, or null to open the session now. */
export type SignInGate = (user: { id: string; role: Role }, meta: ClientMeta) => Promise<PendingSignIn | null>

export function createAuthService({ db, maxAttempts, sessionCache, gates = [] }: { db: Db; maxAttempts: number; sessionCache: SessionCache; gates?: SignInGate[] }) {
  async function openSession(userId: string, meta: ClientMeta, trx: Executor = db) {
    const token = newSecret()
    const csrfToken = newSecret()
    await sessions.deleteExpiredSessions(trx)
    await sessions.insertSession(trx, {
      id: sha256(token),
      userId,
      csrfToken,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 86400_000),
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      ip: meta.ip ?? null,
    })
    return { token, csrfToken }
  }

  /** The end of every sign-in (password alone, or password then second factor): audit and session. */
  async function finishLogin(user: UserRow, email: string, meta: ClientMeta): Promise<SignedIn> {
    const ctx = { actor: { userId: user.id }, requestId: meta.requestId, ip: meta.ip }
    const { token, csrfToken } = await db.transaction().execute(async (trx) => {
      await sessions.clearFailures(trx, email)
      await recordAudit(trx, ctx, [{ action: 'login', entity: 'user', entityId: user.id }])
      return openSession(user.id, meta, trx)
    })
    return { token, csrfToken, user: toUser(user) }
  }

  return {
    openSession,
    finishLogin,

    /**
     * Failed attempts are counted per e-mail in the database, so the limit holds across
     * restarts and across every server copy; the per-IP limiter in front catches sprays.
     */
    async login(email: string, password: string, meta: ClientMeta): Promise<SignedIn | PendingSignIn> {
      const since = new Date(Date.now() - FAILURE_WINDOW_MS)
      if ((await sessions.countRecentFailures(db, email, since)) >= maxAttempts) {
        throw new AppError('RATE_LIMITED', 'Too many failed sign-ins for this account; try again in 15 minutes', { retryAfter: 900 })
      }
      const user = await findUserForLogin(db, email)
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), password)
      const ctx = { actor: user ? { userId: user.id } : null, requestId: meta.requestId, ip: meta.ip }
      if (!user || !ok || !user.active || user.deletedAt) {
        await db.transaction().execute(async (trx) => {
          await sessions.recordFailedLogin(trx, email, meta.ip ?? null)
          await recordAudit(trx, ctx, [{ action: 'login_failed', entity: 'user', entityId: user?.id ?? null, changes: { email } }])
        })
        throw new AppError('INVALID_CREDENTIALS')
      }
      for (const gate of gates) {
        const pending = await gate(user, meta)
        if (pending) return pending
      }
      const { passwordHash: _h, ...rest } = user
      return finishLogin(rest, email, meta)
    },

    /** The actor behind a session cookie's token, or null when it is unknown, expired or its user disabled. */
    async fromSession(token: string): Promise<{ actor: Actor; csrfToken: string; sessionId: string } | null> {
      const id = sha256(token)
      const cached = sessionCache.get(id)
      if (cached) return cached
      const row = await sessions.findSessionWithUser(db, id)
      if (!row || row.expiresAt < new Date() || !row.active || row.deletedAt) return null
      const found = { actor: { userId: row.userId, role: row.role, teamId: row.teamId }, csrfToken: row.csrfToken, sessionId: row.id, expiresAt: row.expiresAt }
      sessionCache.set(id, found)
      return found
    },

    async logout(ctx: RequestContext, sessionId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await sessions.deleteSession(trx, sessionId)
        await recordAudit(trx, ctx, [{ action: 'logout', entity: 'user', entityId: ctx.actor.userId }])
      })
      sessionCache.forget(sessionId)
    },

    async me(ctx: RequestContext): Promise<User> {
      const row = await findUserById(db, ctx.actor.userId)
      if (!row) throw new AppError('UNAUTHENTICATED')
      return toUser(row)
    },

    /** Changing the password signs out every other session of the user and revokes his API tokens. */
    async changePassword(ctx: RequestContext, sessionId: string | null, current: string, next: string): Promise<void> {
      const row = await findPasswordHash(db, ctx.actor.userId)
      if (!row || !(await verifyPassword(row.passwordHash, current))) {
        throw new AppError('VALIDATION_FAILED', 'currentPassword: wrong password', { errors: [{ path: 'currentPassword', message: 'Wrong password' }] })
      }
      await assertPasswordPolicy(db, next, (await findUserById(db, ctx.actor.userId)) ?? {}, 'newPassword')
      const passwordHash = await hashPassword(next)
      await db.transaction().execute(async (trx) => {
        await updateUser(trx, ctx.actor.userId, { passwordHash })
        await sessions.deleteSessionsOfUser(trx, ctx.actor.userId, sessionId)
        await revokeTokensOfUser(trx, ctx.actor.userId)
        await recordAudit(trx, ctx, [{ action: 'password_change', entity: 'user', entityId: ctx.actor.userId }])
      })
      sessionCache.forgetUser(ctx.actor.userId)
    },
  }
}

export type AuthService = ReturnType<typeof createAuthService>
