import { useMutation, useQueryClient } from '@tanstack/react-query'
import { stagesApi } from '../api'
import { stageKeys, type StageUpdate } from '../types'

export function useUpdateStage() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ key, patch }: { key: string; patch: StageUpdate }) => stagesApi.update(key, patch),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: stageKeys.all }),
  })
}
