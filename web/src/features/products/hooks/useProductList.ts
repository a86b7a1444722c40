import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { productsApi } from '../api'
import { productKeys, type ProductListParams } from '../types'

export function useProductList(params: ProductListParams, enabled = true) {
  return useQuery({
    queryKey: productKeys.list(params),
    queryFn: ({ signal }) => productsApi.list(params, signal),
    placeholderData: keepPreviousData,
    enabled,
  })
}
