import { useMutation, useQueryClient } from '@tanstack/react-query'
import { opportunitiesApi } from '../api'
import { opportunityKeys } from '../types'

/** Manager / admin: gives the selected deals to another rep. */
export function useAssignOpportunities() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ ids, ownerId }: { ids: string[]; ownerId: string }) => opportunitiesApi.assign(ids, ownerId),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: opportunityKeys.all }),
  })
}
