import { useMutation, useQueryClient } from '@tanstack/react-query'
import { quotesApi } from '../api'
import { invalidateQuote } from './invalidateQuote'

export function useRejectQuote() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: quotesApi.reject, onSuccess: (q) => invalidateQuote(queryClient, q) })
}
