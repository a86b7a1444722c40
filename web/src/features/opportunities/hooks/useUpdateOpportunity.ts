import { useMutation, useQueryClient } from '@tanstack/react-query'
import { opportunitiesApi } from '../api'
import type { OpportunityPatch } from '../types'
import { invalidateOpportunity } from './invalidateOpportunity'

export function useUpdateOpportunity() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: OpportunityPatch }) => opportunitiesApi.update(id, patch),
    onSuccess: (o) => invalidateOpportunity(queryClient, o),
  })
}
