import { useMutation } from '@tanstack/react-query'
import { campaignsApi } from '../api'

export function useTestSend(id: string) {
  return useMutation({ mutationFn: ({ to, memberId }: { to: string; memberId?: string }) => campaignsApi.testSend(id, to, memberId) })
}
