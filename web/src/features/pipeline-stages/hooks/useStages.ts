import { useQuery } from '@tanstack/react-query'
import { stagesApi } from '../api'
import { stageKeys, type Stage } from '../types'

// Module-level, so the sorted list keeps its identity between renders.
const inOrder = (page: { items: Stage[] }) => [...page.items].sort((a, b) => a.position - b.position)

/** The pipeline stages in their order (a handful; they change rarely). */
export function useStages() {
  return useQuery({
    queryKey: stageKeys.all,
    queryFn: ({ signal }) => stagesApi.list(signal),
    select: inOrder,
    staleTime: 5 * 60_000,
  })
}
