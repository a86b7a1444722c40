import { useMutation, useQueryClient } from '@tanstack/react-query'
import { customersApi } from '../api'
import { customerKeys } from '../types'

export function useMergeCustomers() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ targetId, ...body }: { targetId: string } & Parameters<typeof customersApi.merge>[1]) => customersApi.merge(targetId, body),
    onSuccess: (target, { sourceId }) => {
      queryClient.setQueryData(customerKeys.detail(target.id), target)
      queryClient.removeQueries({ queryKey: customerKeys.detail(sourceId) })
      void queryClient.invalidateQueries({ queryKey: customerKeys.lists() })
      void queryClient.invalidateQueries({ queryKey: customerKeys.history(target.id) })
      void queryClient.invalidateQueries({ queryKey: ['contacts'] })
      void queryClient.invalidateQueries({ queryKey: ['duplicates'] })
      void queryClient.invalidateQueries({ queryKey: [...customerKeys.all, 'merge-candidates'] })
    },
  })
}
