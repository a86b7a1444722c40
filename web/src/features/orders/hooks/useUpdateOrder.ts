import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ordersApi } from '../api'
import { orderKeys, type OrderPatch } from '../types'

export function useUpdateOrder() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: OrderPatch }) => ordersApi.update(id, patch),
    onSuccess: (o) => {
      queryClient.setQueryData(orderKeys.detail(o.id), o)
      void queryClient.invalidateQueries({ queryKey: orderKeys.lists() })
    },
  })
}
