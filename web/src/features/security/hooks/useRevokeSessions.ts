import { useMutation, useQueryClient } from '@tanstack/react-query'
import { securityApi, securityKeys } from '../api'

/** Ending one session, or every other one: both refresh the list. */
export function useRevokeSessions() {
  const queryClient = useQueryClient()
  const onSuccess = () => void queryClient.invalidateQueries({ queryKey: securityKeys.sessions })
  return {
    one: useMutation({ mutationFn: (id: string) => securityApi.revoke(id), onSuccess }),
    others: useMutation({ mutationFn: securityApi.revokeOthers, onSuccess }),
  }
}
