import { useMutation, useQueryClient } from '@tanstack/react-query'
import { mailingListsApi } from '../api'
import { mailingListKeys } from '../types'

export function useDeleteMailingList() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => mailingListsApi.remove(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: mailingListKeys.lists() }),
  })
}
