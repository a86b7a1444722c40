import { useQuery } from '@tanstack/react-query'
import { lostReasonsApi } from '../api'
import { lostReasonKeys } from '../types'

/** Every lost reason in order, active or not (a lost deal may carry one no longer offered). */
export function useLostReasons() {
  return useQuery({
    queryKey: lostReasonKeys.all,
    queryFn: ({ signal }) => lostReasonsApi.list(signal),
    select: (page) => page.items,
    staleTime: 5 * 60_000,
  })
}
