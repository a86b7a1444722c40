import { useQuery } from '@tanstack/react-query'
import { customersApi } from '../api'
import { customerKeys } from '../types'

export function useCustomer(id: string) {
  return useQuery({ queryKey: customerKeys.detail(id), queryFn: () => customersApi.get(id) })
}
