import { useMutation, useQueryClient } from '@tanstack/react-query'
import { campaignsApi } from '../api'
import { campaignKeys } from '../types'

export function useDeleteCampaign() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => campaignsApi.remove(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: campaignKeys.lists() }),
  })
}
