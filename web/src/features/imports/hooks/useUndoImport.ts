import { useMutation, useQueryClient } from '@tanstack/react-query'
import { importsApi } from '../api'
import { importKeys } from '../types'

export function useUndoImport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: importsApi.undo,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: importKeys.all })
      // The undone records leave (or return to) the lists of their module.
      for (const key of ['customers', 'contacts', 'leads', 'opportunities']) void queryClient.invalidateQueries({ queryKey: [key] })
    },
  })
}
