import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { ticketsApi } from '../api'
import { ticketKeys, type TicketListParams } from '../types'

export function useTicketList(params: TicketListParams, { refetchInterval }: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: ticketKeys.list(params),
    queryFn: ({ signal }) => ticketsApi.list(params, signal),
    placeholderData: keepPreviousData,
    refetchInterval,
  })
}
