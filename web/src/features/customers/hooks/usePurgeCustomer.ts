import { useMutation, useQueryClient } from '@tanstack/react-query'
import { customersApi } from '../api'
import { customerKeys } from '../types'

/** Admin only: deletes a (soft-deleted) customer for good. */
export function usePurgeCustomer() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => customersApi.purge(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: customerKeys.lists() }),
  })
}
