import type { QueryClient } from '@tanstack/react-query'
import { activityKeys } from '../../activities/types'
import { ticketKeys, type Ticket } from '../types'

/** After a change: the detail from the reply, and everything derived from the ticket refetched. */
export function invalidateTicket(queryClient: QueryClient, ticket: Ticket) {
  queryClient.setQueryData(ticketKeys.detail(ticket.id), ticket)
  void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() })
  void queryClient.invalidateQueries({ queryKey: ticketKeys.history(ticket.id) })
  void queryClient.invalidateQueries({ queryKey: ticketKeys.mails(ticket.id) })
  if (ticket.customerId) void queryClient.invalidateQueries({ queryKey: activityKeys.timeline(ticket.customerId) })
}
