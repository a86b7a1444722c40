import { useMutation, useQueryClient } from '@tanstack/react-query'
import { leadsApi } from '../api'
import { leadKeys, type LeadPatch } from '../types'

export function useUpdateLead() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: LeadPatch }) => leadsApi.update(id, patch),
    onSuccess: (lead) => {
      queryClient.setQueryData(leadKeys.detail(lead.id), lead)
      void queryClient.invalidateQueries({ queryKey: leadKeys.lists() })
    },
    // A 409 means the page shows an old version: fetch the current one.
    onError: (_e, { id }) => void queryClient.invalidateQueries({ queryKey: leadKeys.detail(id) }),
  })
}
