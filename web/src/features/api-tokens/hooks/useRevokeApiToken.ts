import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiTokensApi } from '../api'
import { apiTokenKeys } from '../types'

export function useRevokeApiToken() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: (id: string) => apiTokensApi.revoke(id), onSuccess: () => void queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }) })
}
