import { useMutation, useQueryClient } from '@tanstack/react-query'
import { customersApi } from '../api'
import { customerKeys } from '../types'

/** Soft delete: the customer goes to "Recently deleted" and can be restored. */
export function useDeleteCustomer() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => customersApi.remove(id),
    onSuccess: (_void, id) => {
      queryClient.removeQueries({ queryKey: customerKeys.detail(id) })
      void queryClient.invalidateQueries({ queryKey: customerKeys.lists() })
      void queryClient.invalidateQueries({ queryKey: ['search'] })
    },
  })
}
