import { useMutation, useQueryClient } from '@tanstack/react-query'
import { teamsApi } from '../api'
import { teamKeys } from '../types'

export function useDeleteTeam() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: (id: string) => teamsApi.remove(id), onSuccess: () => void queryClient.invalidateQueries({ queryKey: teamKeys.all }) })
}
