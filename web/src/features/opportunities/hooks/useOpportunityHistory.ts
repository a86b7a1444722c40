import { useQuery } from '@tanstack/react-query'
import { opportunitiesApi } from '../api'
import { opportunityKeys } from '../types'

export function useOpportunityHistory(id: string) {
  return useQuery({ queryKey: opportunityKeys.history(id), queryFn: ({ signal }) => opportunitiesApi.history(id, signal), select: (r) => r.items })
}
