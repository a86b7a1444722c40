import { useMutation, useQueryClient } from '@tanstack/react-query'
import { contactsApi } from '../api'
import { contactKeys } from '../types'

export function useCreateContact() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: contactsApi.create,
    onSuccess: (contact) => {
      queryClient.setQueryData(contactKeys.detail(contact.id), contact)
      void queryClient.invalidateQueries({ queryKey: contactKeys.lists() })
    },
  })
}
