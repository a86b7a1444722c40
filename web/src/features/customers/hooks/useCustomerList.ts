import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { customersApi } from '../api'
import { customerKeys, type CustomerListParams } from '../types'

export function useCustomerList(params: CustomerListParams, enabled = true) {
  return useQuery({
    queryKey: customerKeys.list(params),
    queryFn: ({ signal }) => customersApi.list(params, signal),
    placeholderData: keepPreviousData,
    enabled,
  })
}
