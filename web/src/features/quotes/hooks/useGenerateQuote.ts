import { useMutation, useQueryClient } from '@tanstack/react-query'
import { quotesApi } from '../api'
import { invalidateQuote } from './invalidateQuote'

export function useGenerateQuote() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: quotesApi.generate, onSuccess: (q) => invalidateQuote(queryClient, q) })
}
