import { useMutation, useQueryClient } from '@tanstack/react-query'
import { leadsApi } from '../api'
import { leadKeys } from '../types'

export function useSaveLeadRouting() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: leadsApi.saveRouting,
    onSuccess: (r) => queryClient.setQueryData(leadKeys.routing(), r),
  })
}
