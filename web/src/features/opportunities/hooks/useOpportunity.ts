import { useQuery } from '@tanstack/react-query'
import { opportunitiesApi } from '../api'
import { opportunityKeys } from '../types'

export function useOpportunity(id: string) {
  return useQuery({ queryKey: opportunityKeys.detail(id), queryFn: () => opportunitiesApi.get(id) })
}
