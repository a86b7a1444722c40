import { useMutation, useQueryClient } from '@tanstack/react-query'
import { leadsApi } from '../api'
import { leadKeys } from '../types'

/** Manager / admin: gives the selected leads to another rep. */
export function useAssignLeads() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ ids, ownerId }: { ids: string[]; ownerId: string }) => leadsApi.assign(ids, ownerId),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: leadKeys.all }),
  })
}
