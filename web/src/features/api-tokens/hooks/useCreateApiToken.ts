import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiTokensApi } from '../api'
import { apiTokenKeys } from '../types'

export function useCreateApiToken() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: apiTokensApi.create, onSuccess: () => void queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }) })
}
