import type { Session, SessionState } from '@server/modules/auth/auth.schema'
import type { TwoFactorPending } from '@server/modules/auth/two-factor.schema'
import type { ProfileUpdate } from '@server/modules/users/users.schema'
import { api } from '../../lib/api'

export type { Session }

export interface SetupInput {
  email: string
  name: string
  password: string
  locale?: 'zh-CN' | 'en'
  timeZone?: string
}

/**
 * The signed-in session, or null when nobody is signed in. Asks /auth/session, which says
 * "nobody" with a 200: /auth/me's 401 would be a failed request on every signed-out page.
 */
export async function fetchSession(): Promise<Session | null> {
  const state = await api.get<SessionState>('/auth/session')
  return state.user ? (state as Session) : null
}

export const authApi = {
  login: (body: { email: string; password: string }) => api.post<Session | TwoFactorPending>('/auth/login', body),
  logout: () => api.post<void>('/auth/logout'),
  setupStatus: () => api.get<{ needsSetup: boolean }>('/setup'),
  setup: (body: SetupInput) => api.post<Session>('/setup', body),
  updateMe: (body: ProfileUpdate) => api.patch<Session>('/auth/me', body),
  changePassword: (body: { currentPassword: string; newPassword: string }) => api.post<void>('/auth/password', body),
}

export const sessionKey = ['session'] as const
