import { useMutation, useQueryClient } from '@tanstack/react-query'
import { onboardingApi, onboardingKey, type Onboarding } from '../api'

/** Closes the checklist for this user at once; the server remembers it for his next visits. */
export function useDismissOnboarding() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: onboardingApi.dismiss,
    onMutate: () => {
      const before = queryClient.getQueryData<Onboarding>(onboardingKey)
      if (before) queryClient.setQueryData<Onboarding>(onboardingKey, { ...before, dismissedAt: new Date().toISOString() })
      return { before }
    },
    onError: (_e, _v, context) => context?.before && queryClient.setQueryData(onboardingKey, context.before),
    onSettled: () => queryClient.invalidateQueries({ queryKey: onboardingKey }),
  })
}
