import { useMutation, useQueryClient } from '@tanstack/react-query'
import { contactsApi } from '../api'
import { contactKeys } from '../types'

export function useDeleteContact() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => contactsApi.remove(id),
    onSuccess: (_v, id) => {
      queryClient.removeQueries({ queryKey: contactKeys.detail(id) })
      void queryClient.invalidateQueries({ queryKey: contactKeys.lists() })
    },
  })
}
