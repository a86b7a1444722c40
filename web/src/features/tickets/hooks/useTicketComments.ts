import { useQuery } from '@tanstack/react-query'
import { ticketsApi } from '../api'
import { ticketKeys } from '../types'

/** The process log, oldest first, as a conversation reads. */
export function useTicketComments(id: string) {
  return useQuery({ queryKey: ticketKeys.comments(id), queryFn: ({ signal }) => ticketsApi.comments(id, signal), select: (page) => page.items })
}
