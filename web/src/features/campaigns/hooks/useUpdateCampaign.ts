import { useMutation, useQueryClient } from '@tanstack/react-query'
import { campaignsApi } from '../api'
import { campaignKeys, type CampaignPatch } from '../types'

export function useUpdateCampaign() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: CampaignPatch }) => campaignsApi.update(id, patch),
    onSuccess: (c) => {
      queryClient.setQueryData(campaignKeys.detail(c.id), c)
      void queryClient.invalidateQueries({ queryKey: campaignKeys.lists() })
      void queryClient.invalidateQueries({ queryKey: campaignKeys.stats(c.id) })
    },
    // A 409 means the page shows an old version: fetch the current one.
    onError: (_e, { id }) => void queryClient.invalidateQueries({ queryKey: campaignKeys.detail(id) }),
  })
}
