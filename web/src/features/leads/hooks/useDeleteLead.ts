import { useMutation, useQueryClient } from '@tanstack/react-query'
import { leadsApi } from '../api'
import { leadKeys } from '../types'

export function useDeleteLead() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => leadsApi.remove(id),
    onSuccess: (_v, id) => {
      queryClient.removeQueries({ queryKey: leadKeys.detail(id) })
      void queryClient.invalidateQueries({ queryKey: leadKeys.lists() })
    },
  })
}
