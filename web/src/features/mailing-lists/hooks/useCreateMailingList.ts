import { useMutation, useQueryClient } from '@tanstack/react-query'
import { mailingListsApi } from '../api'
import { mailingListKeys } from '../types'

export function useCreateMailingList() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: mailingListsApi.create,
    onSuccess: (list) => {
      queryClient.setQueryData(mailingListKeys.detail(list.id), list)
      void queryClient.invalidateQueries({ queryKey: mailingListKeys.lists() })
    },
  })
}
