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
import { newId } from '../../lib/ids'
import type { Admission, LoginThrottle } from './throttle'
import { readSecuritySettings } from './security-settings'

/** Writing a session's last use at most once a minute keeps reads cheap; the idle time-out is that coarse. */
const TOUCH_EVERY_MS = 60_000

export interface ClientMeta {
  requestId: string
  ip?: string
  userAgent?: string
}

export interface SignedIn {
  token: string
  user: User
  csrfToken: string
  /** How long the cookie may live: the absolute session time-out. */
  maxAgeSeconds: number
}

/** A right password that still needs a second step: the client continues at /auth/login/two-factor… with this token. */
export interface PendingSignIn {
  pending: { token: string; purpose: 'verify' | 'enrol'; expiresAt: string }
}

/** Asked after a right password: returns the pending second step, or null to open the session now. */
export type SignInGate = (user: { id: string; role: Role }, meta: ClientMeta) => Promise<PendingSignIn | null>

export function createAuthService({ db, throttle, sessionCache, gates = [] }: { db: Db; throttle: LoginThrottle; sessionCache: SessionCache; gates?: SignInGate[] }) {
  async function openSession(userId: string, meta: ClientMeta, trx: Executor = db) {
    const token = newSecret()
    const csrfToken = newSecret()
    const { sessionIdleMinutes, sessionMaxDays } = await readSecuritySettings(trx)
    await sessions.deleteExpiredSessions(trx)
    await sessions.insertSession(trx, {
      id: sha256(token),
      ref: newId(),
      userId,
      csrfToken,
      expiresAt: new Date(Date.now() + Math.min(sessionIdleMinutes * 60_000, sessionMaxDays * 86400_000)),
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      ip: meta.ip ?? null,
    })
    return { token, csrfToken, maxAgeSeconds: sessionMaxDays * 86400 }
  }

  /**
   * The end of every sign-in (password alone, or password then second factor): the throttle gives the
   * password's attempt back only now, so a right password followed by wrong codes stays counted; the
   * session the browser held (`previousToken`) ends, each sign-in gets a new session id.
   */
  async function finishLogin(user: UserRow, email: string, meta: ClientMeta, previousToken?: string, admission?: Admission): Promise<SignedIn> {
    await throttle.succeeded(admission ?? (await throttle.admissionOf(email, meta.ip)))
    const ctx = { actor: { userId: user.id }, requestId: meta.requestId, ip: meta.ip }
    const opened = await db.transaction().execute(async (trx) => {
      if (previousToken) await sessions.deleteSession(trx, sha256(previousToken))
      await recordAudit(trx, ctx, [{ action: 'login', entity: 'user', entityId: user.id }])
      return openSession(user.id, meta, trx)
    })
    if (previousToken) sessionCache.forget(sha256(previousToken))
    return { ...opened, user: toUser(user) }
  }

  return {
    openSession,
    finishLogin,

    /**
     * Attempts are counted in the database before the password is checked (throttle.ts), so the
     * limits hold across restarts, server copies and parallel guesses. A session the browser
     * still holds (`previousToken`) ends: each sign-in gets a new session id.
     */
    async login(email: string, password: string, meta: ClientMeta, previousToken?: string): Promise<SignedIn | PendingSignIn> {
      const admission = await throttle.admit(email, meta.ip)
      const user = await findUserForLogin(db, email)
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), password)
      const ctx = { actor: user ? { userId: user.id } : null, requestId: meta.requestId, ip: meta.ip }
      if (!user || !ok || !user.active || user.deletedAt) {
        await db.transaction().execute(async (trx) => {
          await recordAudit(trx, ctx, [{ action: 'login_failed', entity: 'user', entityId: user?.id ?? null, changes: { email } }])
        })
        throw new AppError('INVALID_CREDENTIALS')
      }
      for (const gate of gates) {
        const pending = await gate(user, meta)
        if (pending) return pending
      }
      const { passwordHash: _h, ...rest } = user
      return finishLogin(rest, email, meta, previousToken, admission)
    },

    /** The actor behind a session cookie's token, or null when it is unknown, expired or its user disabled. */
    async fromSession(token: string): Promise<{ actor: Actor; csrfToken: string; sessionId: string } | null> {
      const id = sha256(token)
      const cached = sessionCache.get(id)
      if (cached) return cached
      const row = await sessions.findSessionWithUser(db, id)
      if (!row || row.expiresAt < new Date() || !row.active || row.deletedAt) return null
      let { expiresAt } = row
      if (Date.now() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        const { sessionIdleMinutes, sessionMaxDays } = await readSecuritySettings(db)
        expiresAt = (await sessions.touchSession(db, id, sessionIdleMinutes, sessionMaxDays))?.expiresAt ?? expiresAt
        // Used within the idle time-out, yet past the absolute one.
        if (expiresAt <= new Date()) return null
      }
      const found = { actor: { userId: row.userId, role: row.role, teamId: row.teamId }, csrfToken: row.csrfToken, sessionId: row.id, expiresAt }
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
