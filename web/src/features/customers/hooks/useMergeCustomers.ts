import { useMutation, useQueryClient } from '@tanstack/react-query'
import { customersApi } from '../api'
import { customerKeys } from '../types'

export function useMergeCustomers() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ targetId, sourceId }: { targetId: string; sourceId: string }) => customersApi.merge(targetId, sourceId),
    onSuccess: (target, { sourceId }) => {
      queryClient.setQueryData(customerKeys.detail(target.id), target)
      queryClient.removeQueries({ queryKey: customerKeys.detail(sourceId) })
      void queryClient.invalidateQueries({ queryKey: customerKeys.lists() })
      void queryClient.invalidateQueries({ queryKey: customerKeys.history(target.id) })
      void queryClient.invalidateQueries({ queryKey: ['contacts'] })
    },
  })
}
