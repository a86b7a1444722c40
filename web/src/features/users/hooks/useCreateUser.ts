import { useMutation, useQueryClient } from '@tanstack/react-query'
import { usersApi } from '../api'
import { userKeys } from '../types'

export function useCreateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: usersApi.create,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: userKeys.all })
      void queryClient.invalidateQueries({ queryKey: ['teams'] })
    },
  })
}
