import { useMutation, useQueryClient } from '@tanstack/react-query'
import { authApi, sessionKey } from '../api'
import { applySession } from '../session'

export function useLogout() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: authApi.logout,
    onSettled: () => {
      applySession(null)
      queryClient.clear()
      queryClient.setQueryData(sessionKey, null)
    },
  })
}
