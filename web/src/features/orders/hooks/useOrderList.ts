import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { ordersApi } from '../api'
import { orderKeys, type OrderListParams } from '../types'

export function useOrderList(params: OrderListParams) {
  return useQuery({
    queryKey: orderKeys.list(params),
    queryFn: ({ signal }) => ordersApi.list(params, signal),
    placeholderData: keepPreviousData,
  })
}
