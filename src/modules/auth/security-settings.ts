import type { Db, Executor } from '../../db/database'
import { getSetting, lockSetting, putSetting } from '../../db/settings.repository'
import { changedFields } from '../../lib/diff'
import { AppError } from '../../server/errors'
import { assertRole } from '../../server/permissions'
import type { RequestContext, Role } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import { clampSessionExpiries, deleteSessionsOfUser } from './sessions.repository'
import type { SessionCache } from './session-cache'
import { usersWithoutTwoFactor } from './two-factor.repository'
import type { SecuritySettings, SecuritySettingsUpdate } from './security-settings.schema'

const KEY = 'security'

/**
 * A working day of idleness, a month at most: an unattended browser does not stay signed in for weeks.
 * Before the password setting existed every password needed 10 characters: installs keep that.
 */
const DEFAULTS: SecuritySettings = { sessionIdleMinutes: 8 * 60, sessionMaxDays: 30, requireTwoFactorRoles: [], passwordMinLength: 10, version: 0, updatedAt: null }

export async function readSecuritySettings(db: Executor): Promise<SecuritySettings> {
  return { ...DEFAULTS, ...(await getSetting<Partial<SecuritySettings>>(db, KEY)) }
}

export const twoFactorRequiredFor = async (trx: Executor, role: Role) => (await readSecuritySettings(trx)).requireTwoFactorRoles.includes(role)

const policyOf = ({ updatedAt: _u, version: _v, ...policy }: SecuritySettings) => policy

/** The sign-in policy (settings row `security`): session time-outs, roles that must use 2FA, password length. Admins only. */
export function createSecuritySettingsService({ db, sessionCache }: { db: Db; sessionCache: SessionCache }) {
  return {
    async get(ctx: RequestContext): Promise<SecuritySettings> {
      assertRole(ctx.actor, 'admin')
      return readSecuritySettings(db)
    },

    /** Shorter time-outs apply at once to the sessions already open; a newly covered 2FA role signs out who has none. */
    async put(ctx: RequestContext, input: SecuritySettingsUpdate): Promise<SecuritySettings> {
      assertRole(ctx.actor, 'admin')
      const saved = await db.transaction().execute(async (trx) => {
        const current = { ...DEFAULTS, ...(await lockSetting<Partial<SecuritySettings>>(trx, KEY)) }
        // One form carries every field: a stale one would silently undo another admin's change (a 2FA role, say).
        if (current.version !== input.version) {
          throw new AppError('VERSION_CONFLICT', 'The security policy was changed by someone else since you loaded it', { current })
        }
        const next: SecuritySettings = { ...input, requireTwoFactorRoles: [...new Set(input.requireTwoFactorRoles)].sort(), version: current.version + 1, updatedAt: new Date().toISOString() }
        const changes = changedFields(policyOf(current), policyOf(next))
        if (!Object.keys(changes).length) return current
        await putSetting(trx, KEY, next)
        await clampSessionExpiries(trx, next.sessionIdleMinutes, next.sessionMaxDays)
        // Members of a newly covered role without a second factor are signed out, to enrol at their next sign-in.
        const added = next.requireTwoFactorRoles.filter((r) => !current.requireTwoFactorRoles.includes(r))
        const signedOut = added.length ? (await usersWithoutTwoFactor(trx, added)).map((u) => u.id).filter((id) => id !== ctx.actor.userId) : []
        for (const id of signedOut) await deleteSessionsOfUser(trx, id)
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'security_settings', entityId: null, changes: { ...changes, ...(signedOut.length ? { signedOutUsers: { before: null, after: signedOut.length } } : {}) } }])
        return next
      })
      // Open sessions' expiries and sign-outs changed in the database: no cached session may outlive them.
      sessionCache.clear()
      return saved
    },
  }
}

export type SecuritySettingsService = ReturnType<typeof createSecuritySettingsService>
