import { useQuery } from '@tanstack/react-query'
import { ordersApi } from '../api'
import { orderKeys } from '../types'

export function useOrder(id: string) {
  return useQuery({ queryKey: orderKeys.detail(id), queryFn: () => ordersApi.get(id) })
}
