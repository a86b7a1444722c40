import type { Session } from '@server/modules/auth/auth.schema'
import type { TwoFactorPending } from '@server/modules/auth/two-factor.schema'
import type { ProfileUpdate } from '@server/modules/users/users.schema'
import { api } from '../../lib/api'
import { isApiError } from '../../lib/ApiError'

export type { Session }

export interface SetupInput {
  email: string
  name: string
  password: string
  locale?: 'zh-CN' | 'en'
  timeZone?: string
}

/** The signed-in session, or null when nobody is signed in. */
export async function fetchSession(): Promise<Session | null> {
  try {
    return await api.get<Session>('/auth/me')
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null
    throw e
  }
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
