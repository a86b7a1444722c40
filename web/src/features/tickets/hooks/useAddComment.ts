import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ticketsApi } from '../api'
import { ticketKeys, type CommentInput } from '../types'

/** A reply or note; the ticket itself may change with it (first response, reopen), so it is refetched. */
export function useAddComment(ticketId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CommentInput) => ticketsApi.addComment(ticketId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.comments(ticketId) })
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) })
      void queryClient.invalidateQueries({ queryKey: ticketKeys.history(ticketId) })
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() })
    },
  })
}
