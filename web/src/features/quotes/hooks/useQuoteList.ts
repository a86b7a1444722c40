import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { quotesApi } from '../api'
import { quoteKeys, type QuoteListParams } from '../types'

export function useQuoteList(params: QuoteListParams, enabled = true) {
  return useQuery({
    queryKey: quoteKeys.list(params),
    queryFn: ({ signal }) => quotesApi.list(params, signal),
    placeholderData: keepPreviousData,
    enabled,
  })
}
