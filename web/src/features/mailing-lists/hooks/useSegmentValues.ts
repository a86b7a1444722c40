import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useDebouncedValue } from '../../../hooks/useDebouncedValue'
import { mailingListsApi } from '../api'
import { mailingListKeys } from '../types'

/** What the data holds for a text field, as the user types its value (苏 → 苏州市, 苏州工业园区). */
export function useSegmentValues(field: string, typed: string, enabled: boolean) {
  const q = useDebouncedValue(typed.trim(), 250)
  return useQuery({
    queryKey: mailingListKeys.values(field, q),
    queryFn: ({ signal }) => mailingListsApi.values(field, q, signal),
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 60_000,
    retry: false,
  })
}
