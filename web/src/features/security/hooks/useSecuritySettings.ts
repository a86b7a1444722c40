import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { securityApi, securityKeys } from '../api'

export function useSecuritySettings() {
  const queryClient = useQueryClient()
  return {
    query: useQuery({ queryKey: securityKeys.settings, queryFn: ({ signal }) => securityApi.settings(signal) }),
    save: useMutation({ mutationFn: securityApi.saveSettings, onSuccess: (saved) => queryClient.setQueryData(securityKeys.settings, saved) }),
  }
}
