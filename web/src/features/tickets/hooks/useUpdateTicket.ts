import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ticketsApi } from '../api'
import { ticketKeys, type TicketPatch } from '../types'
import { invalidateTicket } from './invalidateTicket'

export function useUpdateTicket() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TicketPatch }) => ticketsApi.update(id, patch),
    onSuccess: (ticket) => invalidateTicket(queryClient, ticket),
    // A 409 means the page shows an old version: fetch the current one.
    onError: (_e, { id }) => void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) }),
  })
}
