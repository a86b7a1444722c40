import { useMutation, useQueryClient } from '@tanstack/react-query'
import { stagesApi } from '../api'
import { stageKeys } from '../types'

/** The server refuses (409) while deals are in the stage, or when it is the last of its kind. */
export function useDeleteStage() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (key: string) => stagesApi.remove(key),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: stageKeys.all }),
  })
}
