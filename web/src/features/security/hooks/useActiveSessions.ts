import { useQuery } from '@tanstack/react-query'
import { securityApi, securityKeys } from '../api'

export function useActiveSessions() {
  return useQuery({ queryKey: securityKeys.sessions, queryFn: ({ signal }) => securityApi.sessions(signal), select: (r) => r.items })
}
