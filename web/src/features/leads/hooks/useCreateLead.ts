import { useMutation, useQueryClient } from '@tanstack/react-query'
import { leadsApi } from '../api'
import { leadKeys } from '../types'

export function useCreateLead() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: leadsApi.create,
    onSuccess: (lead) => {
      queryClient.setQueryData(leadKeys.detail(lead.id), lead)
      void queryClient.invalidateQueries({ queryKey: leadKeys.lists() })
    },
  })
}
