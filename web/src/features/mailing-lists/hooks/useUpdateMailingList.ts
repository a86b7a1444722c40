import { useMutation, useQueryClient } from '@tanstack/react-query'
import { mailingListsApi } from '../api'
import { mailingListKeys, type MailingListPatch } from '../types'

export function useUpdateMailingList() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: MailingListPatch }) => mailingListsApi.update(id, patch),
    onSuccess: (list) => {
      queryClient.setQueryData(mailingListKeys.detail(list.id), list)
      void queryClient.invalidateQueries({ queryKey: mailingListKeys.lists() })
      void queryClient.invalidateQueries({ queryKey: mailingListKeys.count(list.id) })
      void queryClient.invalidateQueries({ queryKey: [...mailingListKeys.all, 'members', list.id] })
    },
    // A 409 means the page shows an old version: fetch the current one.
    onError: (_e, { id }) => void queryClient.invalidateQueries({ queryKey: mailingListKeys.detail(id) }),
  })
}
