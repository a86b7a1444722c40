import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import type { SecuritySettingsService } from './security-settings'
import { securitySettingsSchema, securitySettingsUpdateSchema } from './security-settings.schema'

export function securitySettingsRoutes(app: App, { securitySettings }: { securitySettings: SecuritySettingsService }) {
  const tags = ['settings']
  app.get('/settings/security', {
    schema: { tags, summary: 'Password policy and the roles that must use two-factor sign-in (admin)', response: { 200: securitySettingsSchema } },
  }, (req) => securitySettings.get(ctxOf(req)))

  app.put('/settings/security', {
    schema: { tags, summary: 'Change the password policy and 2FA requirement (admin); members of a newly covered role without 2FA are signed out', body: securitySettingsUpdateSchema, response: { 200: securitySettingsSchema } },
  }, (req) => securitySettings.put(ctxOf(req), req.body))
}
