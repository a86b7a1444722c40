import { useMutation, useQueryClient } from '@tanstack/react-query'
import { quotesApi } from '../api'
import type { QuoteSend } from '../types'
import { invalidateQuote } from './invalidateQuote'

export function useSendQuote() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: QuoteSend }) => quotesApi.send(id, body),
    onSuccess: (q) => invalidateQuote(queryClient, q),
  })
}
