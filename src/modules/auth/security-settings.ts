import type { Db, Executor } from '../../db/database'
import { getSetting, lockSetting, putSetting } from '../../db/settings.repository'
import { changedFields } from '../../lib/diff'
import type { RequestContext, Role } from '../../server/context'
import type { SecuritySettings, SecuritySettingsUpdate } from './security-settings.schema'
import { assertRole } from '../../server/permissions'
import { recordAudit } from '../audit/audit.service'
import type { SessionCache } from './session-cache'
import { deleteSessionsOfUser } from './sessions.repository'
import { usersWithoutTwoFactor } from './two-factor.repository'

const KEY = 'security_policy'

// Before the setting existed every password needed 10 characters: installs keep that.
const DEFAULTS: SecuritySettings = { passwordMinLength: 10, requireTwoFactorRoles: [], updatedAt: null }

export const readSecuritySettings = async (trx: Executor): Promise<SecuritySettings> => ({
  ...DEFAULTS,
  ...(await getSetting<Partial<SecuritySettings>>(trx, KEY)),
})

export const twoFactorRequiredFor = async (trx: Executor, role: Role) => (await readSecuritySettings(trx)).requireTwoFactorRoles.includes(role)

/** The password and second-factor policy (settings row `security_policy`): admins read and change it. */
export function createSecuritySettingsService({ db, sessionCache }: { db: Db; sessionCache: SessionCache }) {
  return {
    async get(ctx: RequestContext): Promise<SecuritySettings> {
      assertRole(ctx.actor, 'admin')
      return readSecuritySettings(db)
    },

    async put(ctx: RequestContext, input: SecuritySettingsUpdate): Promise<SecuritySettings> {
      assertRole(ctx.actor, 'admin')
      let signedOut: string[] = []
      const saved = await db.transaction().execute(async (trx) => {
        const current = { ...DEFAULTS, ...(await lockSetting<Partial<SecuritySettings>>(trx, KEY)) }
        const next: SecuritySettings = { ...input, requireTwoFactorRoles: [...new Set(input.requireTwoFactorRoles)].sort(), updatedAt: new Date().toISOString() }
        const changes = changedFields(
          { passwordMinLength: current.passwordMinLength, requireTwoFactorRoles: current.requireTwoFactorRoles },
          { passwordMinLength: next.passwordMinLength, requireTwoFactorRoles: next.requireTwoFactorRoles },
        )
        if (!Object.keys(changes).length) return current
        await putSetting(trx, KEY, next)
        // Members of a newly covered role without a second factor are signed out, to enrol at their next sign-in.
        const added = next.requireTwoFactorRoles.filter((r) => !current.requireTwoFactorRoles.includes(r))
        signedOut = added.length ? (await usersWithoutTwoFactor(trx, added)).map((u) => u.id).filter((id) => id !== ctx.actor.userId) : []
        for (const id of signedOut) await deleteSessionsOfUser(trx, id)
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'security_policy', entityId: null, changes: { ...changes, ...(signedOut.length ? { signedOutUsers: { before: null, after: signedOut.length } } : {}) } }])
        return next
      })
      signedOut.forEach((id) => sessionCache.forgetUser(id))
      return saved
    },
  }
}

export type SecuritySettingsService = ReturnType<typeof createSecuritySettingsService>
