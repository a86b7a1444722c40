import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import type { SecuritySettingsService } from './security-settings'
import { securitySettingsSchema, securitySettingsUpdateSchema } from './security-settings.schema'

export function securitySettingsRoutes(app: App, { securitySettings }: { securitySettings: SecuritySettingsService }) {
  const tags = ['settings']
  app.get('/settings/security', {
    schema: { tags, summary: 'Sign-in policy: session time-outs, the roles that must use two-factor sign-in, password length (admin)', response: { 200: securitySettingsSchema } },
  }, (req) => securitySettings.get(ctxOf(req)))

  app.put('/settings/security', {
    schema: { tags, summary: 'Change the sign-in policy (admin): shorter time-outs apply to open sessions at once; members of a newly covered 2FA role without it are signed out', body: securitySettingsUpdateSchema, response: { 200: securitySettingsSchema } },
  }, (req) => securitySettings.put(ctxOf(req), req.body))
}
