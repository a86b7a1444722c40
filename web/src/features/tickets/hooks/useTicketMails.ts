import { useQuery } from '@tanstack/react-query'
import { ticketsApi } from '../api'
import { ticketKeys } from '../types'

/** The e-mails to the requester; refetched while one is still on its way. */
export function useTicketMails(id: string) {
  return useQuery({
    queryKey: ticketKeys.mails(id),
    queryFn: ({ signal }) => ticketsApi.mails(id, signal),
    select: (r) => r.items,
    refetchInterval: (q) => (q.state.data?.items.some((m) => m.state === 'queued' || m.state === 'sending') ? 3000 : false),
  })
}
