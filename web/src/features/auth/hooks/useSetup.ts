import { useMutation, useQueryClient } from '@tanstack/react-query'
import { authApi, sessionKey } from '../api'
import { applySession } from '../session'

export function useSetup() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: authApi.setup,
    onSuccess: (session) => {
      applySession(session)
      queryClient.setQueryData(['setup'], { needsSetup: false })
      queryClient.setQueryData(sessionKey, session)
    },
  })
}
