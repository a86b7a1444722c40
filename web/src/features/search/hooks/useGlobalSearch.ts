import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useDebouncedValue } from '../../../hooks/useDebouncedValue'
import { searchApi } from '../api'

/** Hits across customers and contacts for what the user typed, once he pauses (250 ms). */
export function useGlobalSearch(text: string) {
  const q = useDebouncedValue(text.trim(), 250)
  const query = useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) => searchApi.search(q, signal),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  })
  return { ...query, settled: q === text.trim(), q }
}
