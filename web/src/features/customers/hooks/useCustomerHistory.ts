import { useInfiniteQuery } from '@tanstack/react-query'
import { customersApi } from '../api'
import { customerKeys } from '../types'

/** The customer's audit trail, newest first, a page at a time. */
export function useCustomerHistory(id: string) {
  return useInfiniteQuery({
    queryKey: customerKeys.history(id),
    queryFn: ({ pageParam }) => customersApi.history(id, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}
