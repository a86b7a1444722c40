import { useQuery } from '@tanstack/react-query'
import { ticketsApi } from '../api'
import { ticketKeys } from '../types'

export function useTicket(id: string) {
  return useQuery({ queryKey: ticketKeys.detail(id), queryFn: () => ticketsApi.get(id) })
}
