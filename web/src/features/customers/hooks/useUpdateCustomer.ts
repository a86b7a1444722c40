import { useMutation, useQueryClient } from '@tanstack/react-query'
import { customersApi } from '../api'
import { customerKeys, type CustomerPatch } from '../types'

export function useUpdateCustomer() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: CustomerPatch }) => customersApi.update(id, patch),
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKeys.detail(customer.id), customer)
      void queryClient.invalidateQueries({ queryKey: customerKeys.lists() })
      void queryClient.invalidateQueries({ queryKey: customerKeys.history(customer.id) })
    },
  })
}
