import { useMutation, useQueryClient } from '@tanstack/react-query'
import { usersApi } from '../api'
import { userKeys } from '../types'

export function useDeactivateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => usersApi.deactivate(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: userKeys.all }),
  })
}
