import { useQuery } from '@tanstack/react-query'
import { campaignsApi } from '../api'
import { campaignKeys, type Campaign } from '../types'

/** A campaign; polled while it is sending so its status flips to "sent" on its own. */
export function useCampaign(id: string) {
  return useQuery({
    queryKey: campaignKeys.detail(id),
    queryFn: () => campaignsApi.get(id),
    refetchInterval: (q) => (isBusy(q.state.data) ? 3000 : false),
  })
}

export const isBusy = (c: Campaign | undefined) => c?.sendStatus === 'sending' || c?.sendStatus === 'scheduled'
