import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { campaignsApi } from '../api'
import { campaignKeys, type CampaignListParams } from '../types'

export function useCampaignList(params: CampaignListParams) {
  return useQuery({
    queryKey: campaignKeys.list(params),
    queryFn: ({ signal }) => campaignsApi.list(params, signal),
    placeholderData: keepPreviousData,
  })
}
