import { useMutation, useQueryClient } from '@tanstack/react-query'
import { contactsApi } from '../api'
import { contactKeys } from '../types'

export function useRestoreContact() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => contactsApi.restore(id),
    onSuccess: (contact) => {
      queryClient.setQueryData(contactKeys.detail(contact.id), contact)
      void queryClient.invalidateQueries({ queryKey: contactKeys.lists() })
    },
  })
}
