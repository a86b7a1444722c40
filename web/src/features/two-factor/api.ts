import type { TwoFactorEnrolment, TwoFactorPending, TwoFactorSession, TwoFactorStatus } from '@server/modules/auth/two-factor.schema'
import { api } from '../../lib/api'

export type { TwoFactorEnrolment, TwoFactorPending, TwoFactorSession, TwoFactorStatus }

export const twoFactorApi = {
  verify: (body: { token: string; code: string }) => api.post<TwoFactorSession>('/auth/login/two-factor', body),
  startPendingEnrolment: (token: string) => api.post<TwoFactorEnrolment>('/auth/login/two-factor/enrolment', { token }),
  confirmPendingEnrolment: (body: { token: string; code: string }) => api.post<TwoFactorSession>('/auth/login/two-factor/enrolment/confirm', body),
  status: () => api.get<TwoFactorStatus>('/auth/two-factor'),
  startEnrolment: () => api.post<TwoFactorEnrolment>('/auth/two-factor/enrolment'),
  confirmEnrolment: (code: string) => api.post<{ recoveryCodes: string[] }>('/auth/two-factor/enrolment/confirm', { code }),
  regenerate: (code: string) => api.post<{ recoveryCodes: string[] }>('/auth/two-factor/recovery-codes', { code }),
  disable: (body: { password: string; code: string }) => api.post<void>('/auth/two-factor/disable', body),
  reset: (userId: string) => api.delete(`/users/${userId}/two-factor`),
}

export const twoFactorKeys = { status: ['two-factor'] as const }
