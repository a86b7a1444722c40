import { useMutation, useQueryClient } from '@tanstack/react-query'
import { quotesApi } from '../api'
import type { QuotePatch } from '../types'
import { invalidateQuote } from './invalidateQuote'

export function useUpdateQuote() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: QuotePatch }) => quotesApi.update(id, patch),
    onSuccess: (q) => invalidateQuote(queryClient, q),
  })
}
