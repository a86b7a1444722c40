import { useQuery } from '@tanstack/react-query'
import { campaignsApi } from '../api'
import { campaignKeys } from '../types'

/** Counts, rates and money of one campaign; `live` polls every second (progress while sending). */
export function useCampaignStats(id: string, live = false) {
  return useQuery({
    queryKey: campaignKeys.stats(id),
    queryFn: ({ signal }) => campaignsApi.stats(id, signal),
    refetchInterval: live ? 1000 : false,
  })
}
