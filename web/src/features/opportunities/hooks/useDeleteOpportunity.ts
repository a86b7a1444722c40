import { useMutation, useQueryClient } from '@tanstack/react-query'
import { opportunitiesApi } from '../api'
import { opportunityKeys } from '../types'
import { invalidateOpportunity } from './invalidateOpportunity'

export function useDeleteOpportunity() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => opportunitiesApi.remove(id),
    onSuccess: (_v, id) => {
      queryClient.removeQueries({ queryKey: opportunityKeys.detail(id) })
      invalidateOpportunity(queryClient, null, id)
    },
  })
}
