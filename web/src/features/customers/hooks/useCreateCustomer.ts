import { useMutation, useQueryClient } from '@tanstack/react-query'
import { customersApi } from '../api'
import { customerKeys } from '../types'

export function useCreateCustomer() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: customersApi.create,
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKeys.detail(customer.id), customer)
      void queryClient.invalidateQueries({ queryKey: customerKeys.lists() })
    },
  })
}
