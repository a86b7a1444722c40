import type { Db, Executor } from '../../db/database'
import { getSetting, lockSetting, putSetting } from '../../db/settings.repository'
import { changedFields } from '../../lib/diff'
import { assertRole } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import { clampSessionExpiries } from './sessions.repository'
import type { SessionCache } from './session-cache'
import type { SecuritySettings, SecuritySettingsUpdate } from './security-settings.schema'

const KEY = 'security'

/** A working day of idleness, a month at most: an unattended browser does not stay signed in for weeks. */
const DEFAULTS: SecuritySettings = { sessionIdleMinutes: 8 * 60, sessionMaxDays: 30, updatedAt: null }

export async function readSecuritySettings(db: Executor): Promise<SecuritySettings> {
  return { ...DEFAULTS, ...(await getSetting<Partial<SecuritySettings>>(db, KEY)) }
}

/** Session time-outs (settings row `security`): admins read and change them. */
export function createSecuritySettingsService({ db, sessionCache }: { db: Db; sessionCache: SessionCache }) {
  return {
    async get(ctx: RequestContext): Promise<SecuritySettings> {
      assertRole(ctx.actor, 'admin')
      return readSecuritySettings(db)
    },

    /** Shorter time-outs apply at once to the sessions already open, not only to new ones. */
    async put(ctx: RequestContext, input: SecuritySettingsUpdate): Promise<SecuritySettings> {
      assertRole(ctx.actor, 'admin')
      const saved = await db.transaction().execute(async (trx) => {
        const current = { ...DEFAULTS, ...(await lockSetting<Partial<SecuritySettings>>(trx, KEY)) }
        const next: SecuritySettings = { ...input, updatedAt: new Date().toISOString() }
        const changes = changedFields({ ...current, updatedAt: null }, { ...next, updatedAt: null })
        if (!Object.keys(changes).length) return current
        await putSetting(trx, KEY, next)
        await clampSessionExpiries(trx, next.sessionIdleMinutes, next.sessionMaxDays)
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'security_settings', entityId: null, changes }])
        return next
      })
      sessionCache.clear()
      return saved
    },
  }
}

export type SecuritySettingsService = ReturnType<typeof createSecuritySettingsService>
