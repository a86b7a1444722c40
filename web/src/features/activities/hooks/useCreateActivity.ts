import { useMutation, useQueryClient } from '@tanstack/react-query'
import { activitiesApi } from '../api'
import { activityKeys } from '../types'

export function useCreateActivity() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: activitiesApi.create,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: activityKeys.all }),
  })
}
