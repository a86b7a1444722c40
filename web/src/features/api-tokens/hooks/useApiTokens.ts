import { useQuery } from '@tanstack/react-query'
import { apiTokensApi } from '../api'
import { apiTokenKeys } from '../types'

export function useApiTokens() {
  return useQuery({ queryKey: apiTokenKeys.all, queryFn: ({ signal }) => apiTokensApi.list(signal), select: (r) => r.items })
}
