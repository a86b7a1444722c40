import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { importsApi } from '../api'
import { importKeys, SETTLED } from '../types'

/** The import's status, polled every second while its job runs; a finished import refreshes its entity's lists. */
export function useImportStatus(id: string | null, watching: boolean) {
  const queryClient = useQueryClient()
  const query = useQuery({
    queryKey: importKeys.detail(id ?? ''),
    queryFn: ({ signal }) => importsApi.get(id!, signal),
    enabled: id !== null && watching,
    refetchInterval: (q) => (q.state.data && SETTLED.has(q.state.data.status) ? false : 1000),
  })
  const done = query.data?.status === 'completed' ? query.data.entity : null
  useEffect(() => {
    if (!done) return
    void queryClient.invalidateQueries({ queryKey: [done] })
    void queryClient.invalidateQueries({ queryKey: importKeys.lists() })
  }, [done, queryClient])
  return query
}
