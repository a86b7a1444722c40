import { useMutation, useQueryClient } from '@tanstack/react-query'
import { campaignsApi } from '../api'
import { campaignKeys } from '../types'

export function useCreateCampaign() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: campaignsApi.create,
    onSuccess: (c) => {
      queryClient.setQueryData(campaignKeys.detail(c.id), c)
      void queryClient.invalidateQueries({ queryKey: campaignKeys.lists() })
    },
  })
}
