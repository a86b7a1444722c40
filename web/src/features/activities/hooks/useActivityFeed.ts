import { useInfiniteQuery } from '@tanstack/react-query'
import { activitiesApi } from '../api'
import { activityKeys, type ActivityListParams } from '../types'

/** Activities of one record (lead, deal, contact), newest first, with "load more". */
export function useActivityFeed(params: ActivityListParams) {
  return useInfiniteQuery({
    queryKey: activityKeys.feed(params),
    queryFn: ({ pageParam, signal }) => activitiesApi.list({ limit: 20, ...params, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}
