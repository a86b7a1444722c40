import { useMutation, useQueryClient } from '@tanstack/react-query'
import { teamsApi } from '../api'
import { teamKeys } from '../types'

export function useCreateTeam() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: teamsApi.create, onSuccess: () => void queryClient.invalidateQueries({ queryKey: teamKeys.all }) })
}
