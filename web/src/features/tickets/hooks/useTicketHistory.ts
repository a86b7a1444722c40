import { useQuery } from '@tanstack/react-query'
import { ticketsApi } from '../api'
import { ticketKeys } from '../types'

export function useTicketHistory(id: string) {
  return useQuery({ queryKey: ticketKeys.history(id), queryFn: ({ signal }) => ticketsApi.events(id, signal), select: (r) => r.items })
}
