import { useQuery } from '@tanstack/react-query'
import { authApi } from '../api'

export function useSetupStatus() {
  return useQuery({ queryKey: ['setup'], queryFn: authApi.setupStatus, staleTime: 60_000 })
}
