import { useMutation, useQueryClient } from '@tanstack/react-query'
import { opportunitiesApi } from '../api'
import { invalidateOpportunity } from './invalidateOpportunity'

export function useRestoreOpportunity() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => opportunitiesApi.restore(id),
    onSuccess: (o) => invalidateOpportunity(queryClient, o),
  })
}
