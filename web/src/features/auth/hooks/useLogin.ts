import { useMutation, useQueryClient } from '@tanstack/react-query'
import { authApi, sessionKey } from '../api'
import { applySession } from '../session'

export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: authApi.login,
    onSuccess: (session) => {
      applySession(session)
      queryClient.setQueryData(sessionKey, session)
    },
  })
}
