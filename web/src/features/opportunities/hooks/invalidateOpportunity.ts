import type { QueryClient } from '@tanstack/react-query'
import { opportunityKeys, type Opportunity } from '../types'

/** After a deal changed: its page, the lists, the board, its history and the customer timelines. */
export function invalidateOpportunity(queryClient: QueryClient, opportunity: Opportunity | null, id?: string) {
  const key = opportunity?.id ?? id
  if (opportunity) queryClient.setQueryData(opportunityKeys.detail(opportunity.id), opportunity)
  void queryClient.invalidateQueries({ queryKey: opportunityKeys.lists() })
  void queryClient.invalidateQueries({ queryKey: opportunityKeys.boards() })
  if (key) void queryClient.invalidateQueries({ queryKey: opportunityKeys.history(key) })
  void queryClient.invalidateQueries({ queryKey: ['activities', 'timeline'] })
}
