import { useMutation, useQueryClient } from '@tanstack/react-query'
import { lostReasonsApi } from '../api'
import { lostReasonKeys, type LostReasonCreate, type LostReasonUpdate } from '../types'

/** Creates (no id) or updates (id + version) a lost reason; the list reloads either way. */
export function useSaveLostReason() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (v: { id?: string; body: LostReasonCreate | LostReasonUpdate }) =>
      v.id ? lostReasonsApi.update(v.id, v.body as LostReasonUpdate) : lostReasonsApi.create(v.body as LostReasonCreate),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: lostReasonKeys.all }),
  })
}
