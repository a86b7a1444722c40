import { useMutation, useQueryClient } from '@tanstack/react-query'
import { stagesApi } from '../api'
import { stageKeys, type Stage } from '../types'

/** Saves a new order; the list shows it at once and goes back if the server refuses. */
export function useReorderStages() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (keys: string[]) => stagesApi.reorder(keys),
    onMutate: async (keys) => {
      await queryClient.cancelQueries({ queryKey: stageKeys.all })
      const before = queryClient.getQueryData<{ items: Stage[] }>(stageKeys.all)
      if (before) {
        const byKey = new Map(before.items.map((s) => [s.key, s]))
        const items = keys.flatMap((k, position) => (byKey.has(k) ? [{ ...byKey.get(k)!, position }] : []))
        queryClient.setQueryData(stageKeys.all, { ...before, items })
      }
      return { before }
    },
    onError: (_e, _keys, ctx) => ctx?.before && queryClient.setQueryData(stageKeys.all, ctx.before),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: stageKeys.all })
      void queryClient.invalidateQueries({ queryKey: ['opportunities', 'board'] })
    },
  })
}
