import { useQuery } from '@tanstack/react-query'
import { quotesApi } from '../api'
import { quoteKeys } from '../types'

export function useQuote(id: string) {
  return useQuery({ queryKey: quoteKeys.detail(id), queryFn: () => quotesApi.get(id) })
}
