import { useMutation, useQueryClient } from '@tanstack/react-query'
import { campaignsApi } from '../api'
import { campaignKeys } from '../types'

/** Send now or at `scheduledAt`; the campaign and its stats are then polled for progress. */
export function useSendCampaign(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (scheduledAt?: string) => campaignsApi.send(id, scheduledAt),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: campaignKeys.detail(id) })
      void queryClient.invalidateQueries({ queryKey: campaignKeys.stats(id) })
      void queryClient.invalidateQueries({ queryKey: campaignKeys.lists() })
    },
  })
}
