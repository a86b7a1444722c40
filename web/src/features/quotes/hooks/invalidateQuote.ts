import type { QueryClient } from '@tanstack/react-query'
import { quoteKeys, type Quote } from '../types'

/**
 * After a quote changed: its page, the quote lists, and the deal and customer pages that show
 * it (a send logs an activity on the deal, an acceptance wins the deal and creates an order).
 */
export function invalidateQuote(queryClient: QueryClient, quote: Quote | null) {
  if (quote) queryClient.setQueryData(quoteKeys.detail(quote.id), quote)
  void queryClient.invalidateQueries({ queryKey: quoteKeys.all })
  void queryClient.invalidateQueries({ queryKey: ['opportunities'] })
  void queryClient.invalidateQueries({ queryKey: ['activities'] })
  void queryClient.invalidateQueries({ queryKey: ['orders'] })
}
