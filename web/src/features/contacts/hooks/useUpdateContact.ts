import { useMutation, useQueryClient } from '@tanstack/react-query'
import { contactsApi } from '../api'
import { contactKeys, type ContactPatch } from '../types'

export function useUpdateContact() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ContactPatch }) => contactsApi.update(id, patch),
    onSuccess: (contact) => {
      queryClient.setQueryData(contactKeys.detail(contact.id), contact)
      void queryClient.invalidateQueries({ queryKey: contactKeys.lists() })
    },
  })
}
