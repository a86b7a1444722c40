import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ticketsApi } from '../api'
import { invalidateTicket } from './invalidateTicket'

export function useCreateTicket() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: ticketsApi.create, onSuccess: (ticket) => invalidateTicket(queryClient, ticket) })
}
