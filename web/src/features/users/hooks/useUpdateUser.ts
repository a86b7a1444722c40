import { useMutation, useQueryClient } from '@tanstack/react-query'
import { usersApi } from '../api'
import { userKeys, type UserPatch } from '../types'

export function useUpdateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UserPatch }) => usersApi.update(id, patch),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: userKeys.all })
      void queryClient.invalidateQueries({ queryKey: ['teams'] })
    },
  })
}
