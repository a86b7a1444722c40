import type { ActiveSession } from '@server/modules/auth/sessions.schema'
import type { SecuritySettings, SecuritySettingsUpdate } from '@server/modules/auth/security-settings.schema'
import { api } from '../../lib/api'

export type { ActiveSession, SecuritySettings, SecuritySettingsUpdate }

export const securityKeys = { sessions: ['auth', 'sessions'] as const, settings: ['settings', 'security'] as const }

export const securityApi = {
  sessions: (signal?: AbortSignal) => api.get<{ items: ActiveSession[] }>('/auth/sessions', undefined, signal),
  revoke: (id: string) => api.delete(`/auth/sessions/${encodeURIComponent(id)}`),
  revokeOthers: () => api.post<{ revoked: number }>('/auth/sessions/revoke-others'),
  settings: (signal?: AbortSignal) => api.get<SecuritySettings>('/settings/security', undefined, signal),
  saveSettings: (body: SecuritySettingsUpdate) => api.put<SecuritySettings>('/settings/security', body),
}
