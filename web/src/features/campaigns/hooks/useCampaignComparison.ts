import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { campaignsApi } from '../api'
import { campaignKeys } from '../types'

/** One request for the stats of the campaigns shown (at most 50, aggregated on the server). */
export function useCampaignComparison(ids: string[], enabled = true) {
  return useQuery({
    queryKey: campaignKeys.comparison(ids),
    queryFn: ({ signal }) => campaignsApi.compare(ids, signal),
    placeholderData: keepPreviousData,
    enabled: enabled && ids.length > 0,
  })
}
