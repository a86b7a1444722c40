import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { opportunitiesApi } from '../api'
import { opportunityKeys, type OpportunityListParams } from '../types'

export function useOpportunityList(params: OpportunityListParams) {
  return useQuery({
    queryKey: opportunityKeys.list(params),
    queryFn: ({ signal }) => opportunitiesApi.list(params, signal),
    placeholderData: keepPreviousData,
  })
}
