import { useMutation } from '@tanstack/react-query'
import { ticketsApi } from '../api'

export function useSubmitPublicTicket() {
  return useMutation({ mutationFn: ticketsApi.submitPublic })
}
