import { useInfiniteQuery } from '@tanstack/react-query'
import { activitiesApi } from '../api'
import { activityKeys } from '../types'

/** The customer's timeline, newest first, a page at a time. */
export function useCustomerTimeline(customerId: string) {
  return useInfiniteQuery({
    queryKey: activityKeys.timeline(customerId),
    queryFn: ({ pageParam, signal }) => activitiesApi.timeline(customerId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}
