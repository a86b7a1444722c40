import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { leadsApi } from '../api'
import { leadKeys, type LeadListParams } from '../types'

export function useLeadList(params: LeadListParams) {
  return useQuery({
    queryKey: leadKeys.list(params),
    queryFn: ({ signal }) => leadsApi.list(params, signal),
    placeholderData: keepPreviousData,
  })
}
