import { useMutation, useQueryClient } from '@tanstack/react-query'
import { activitiesApi } from '../api'
import { activityKeys, type ActivityPatch } from '../types'

export function useUpdateActivity() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ActivityPatch }) => activitiesApi.update(id, patch),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: activityKeys.all }),
  })
}
