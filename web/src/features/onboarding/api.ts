import type { Onboarding, OnboardingStep } from '@server/modules/onboarding/onboarding.schema'
import { api } from '../../lib/api'

export type { Onboarding, OnboardingStep }

export const onboardingKey = ['onboarding'] as const

export const onboardingApi = {
  get: (signal?: AbortSignal) => api.get<Onboarding>('/onboarding', undefined, signal),
  dismiss: () => api.post<void>('/onboarding/dismiss'),
}
