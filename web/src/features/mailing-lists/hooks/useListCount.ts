import { useQuery } from '@tanstack/react-query'
import { mailingListsApi } from '../api'
import { mailingListKeys } from '../types'

/** How many addresses the list has now (a dynamic list is evaluated by the server). */
export function useListCount(id: string | null | undefined) {
  return useQuery({
    queryKey: mailingListKeys.count(id ?? ''),
    queryFn: ({ signal }) => mailingListsApi.count(id!, signal),
    enabled: Boolean(id),
    select: (r) => r,
  })
}
