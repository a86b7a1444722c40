import { useMutation, useQueryClient } from '@tanstack/react-query'
import { activitiesApi } from '../api'
import { activityKeys } from '../types'

export function useDeleteActivity() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => activitiesApi.remove(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: activityKeys.all }),
  })
}
