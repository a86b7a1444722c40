import { useMutation, useQueryClient } from '@tanstack/react-query'
import { teamsApi } from '../api'
import { teamKeys, type TeamUpdate } from '../types'

export function useUpdateTeam() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TeamUpdate }) => teamsApi.update(id, body),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: teamKeys.all }),
  })
}
