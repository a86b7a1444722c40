import { useMutation, useQueryClient } from '@tanstack/react-query'
import { quotesApi } from '../api'
import { invalidateQuote } from './invalidateQuote'

export function useAcceptQuote() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: quotesApi.accept, onSuccess: () => invalidateQuote(queryClient, null) })
}
