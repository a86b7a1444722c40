import { useMutation, useQueryClient } from '@tanstack/react-query'
import { authApi } from '../api'
import { signedIn } from '../session'

export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: authApi.login,
    // A 202 with a token means a second step (2FA) must follow: no session yet.
    onSuccess: (session) => {
      if (!('user' in session)) return
      signedIn(queryClient, session)
    },
  })
}
