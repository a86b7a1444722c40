import { useQuery } from '@tanstack/react-query'
import { customersApi } from '../api'
import { customerKeys } from '../types'

/** A customer summarised (owner, city, created, contacts and deals) beside those that look like it. */
export function useMergeCandidates(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...customerKeys.all, 'merge-candidates', id],
    queryFn: () => customersApi.mergeCandidates(id!),
    enabled: Boolean(id) && enabled,
  })
}
