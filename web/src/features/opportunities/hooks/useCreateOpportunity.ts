import { useMutation, useQueryClient } from '@tanstack/react-query'
import { opportunitiesApi } from '../api'
import { invalidateOpportunity } from './invalidateOpportunity'

export function useCreateOpportunity() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: opportunitiesApi.create,
    onSuccess: (o) => invalidateOpportunity(queryClient, o),
  })
}
