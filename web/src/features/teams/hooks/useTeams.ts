import { useQuery } from '@tanstack/react-query'
import { teamsApi } from '../api'
import { teamKeys } from '../types'

/** All teams (a company has a handful). */
export function useTeams() {
  return useQuery({ queryKey: teamKeys.all, queryFn: ({ signal }) => teamsApi.list(signal), select: (p) => p.items, staleTime: 60_000 })
}
