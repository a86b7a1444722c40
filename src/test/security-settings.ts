import { readSecuritySettings } from '../modules/auth/security-settings'
import type { SecuritySettingsUpdate } from '../modules/auth/security-settings.schema'
import type { AuthHeaders, TestApp } from './test-app'

/** PUT /settings/security with the defaults and the stored version, and the fields a test is about. */
export async function putSecurity(t: TestApp, headers: AuthHeaders, fields: Partial<Record<keyof SecuritySettingsUpdate, unknown>>) {
  const { version } = await readSecuritySettings(t.db)
  const payload = { sessionIdleMinutes: 480, sessionMaxDays: 30, requireTwoFactorRoles: [], passwordMinLength: 10, version, ...fields }
  return t.app.inject({ method: 'PUT', url: '/api/v1/settings/security', headers, payload })
}
