import { useMutation, useQueryClient } from '@tanstack/react-query'
import { authApi, sessionKey } from '../api'
import { applySession } from '../session'

export function useUpdateProfile() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: authApi.updateMe,
    onSuccess: (session) => {
      applySession(session)
      queryClient.setQueryData(sessionKey, session)
      void queryClient.invalidateQueries({ queryKey: ['users'] })
    },
  })
}
