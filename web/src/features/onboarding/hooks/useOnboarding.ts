import { useQuery } from '@tanstack/react-query'
import { onboardingApi, onboardingKey } from '../api'

/** The getting-started checklist (admins only); asked afresh on each visit, so steps done elsewhere show ticked. */
export function useOnboarding(enabled: boolean) {
  return useQuery({ queryKey: onboardingKey, queryFn: ({ signal }) => onboardingApi.get(signal), enabled, staleTime: 0 })
}
