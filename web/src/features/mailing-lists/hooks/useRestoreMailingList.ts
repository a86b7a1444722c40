import { useMutation, useQueryClient } from '@tanstack/react-query'
import { mailingListsApi } from '../api'
import { mailingListKeys } from '../types'

export function useRestoreMailingList() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => mailingListsApi.restore(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: mailingListKeys.lists() }),
  })
}
