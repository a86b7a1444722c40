import { useMutation, useQueryClient } from '@tanstack/react-query'
import { stagesApi } from '../api'
import { stageKeys } from '../types'

export function useCreateStage() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: stagesApi.create,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: stageKeys.all }),
  })
}
