import { useMutation, useQueryClient } from '@tanstack/react-query'
import { leadsApi } from '../api'
import { leadKeys, type LeadConvert } from '../types'

/** Lead → customer + contact (+ deal), in one step on the server. */
export function useConvertLead() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: LeadConvert }) => leadsApi.convert(id, body),
    onSuccess: (r) => {
      queryClient.setQueryData(leadKeys.detail(r.lead.id), r.lead)
      void queryClient.invalidateQueries({ queryKey: leadKeys.lists() })
      void queryClient.invalidateQueries({ queryKey: ['customers'] })
      void queryClient.invalidateQueries({ queryKey: ['contacts'] })
      void queryClient.invalidateQueries({ queryKey: ['opportunities'] })
      void queryClient.invalidateQueries({ queryKey: ['activities'] })
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: leadKeys.all }),
  })
}
