import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { mailingListsApi } from '../api'
import { mailingListKeys } from '../types'

export function useListMembers(id: string, params: { limit: number; cursor?: string; q?: string }, enabled = true) {
  return useQuery({
    queryKey: mailingListKeys.members(id, params),
    queryFn: ({ signal }) => mailingListsApi.members(id, params, signal),
    placeholderData: keepPreviousData,
    enabled,
  })
}
