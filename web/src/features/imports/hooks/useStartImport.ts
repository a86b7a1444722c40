import { useMutation, useQueryClient } from '@tanstack/react-query'
import { importsApi } from '../api'
import { importKeys, type ImportOptionsInput } from '../types'

export function useStartImport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, options }: { id: string; options: ImportOptionsInput }) => importsApi.start(id, options),
    onSuccess: ({ id }) => {
      void queryClient.invalidateQueries({ queryKey: importKeys.detail(id) })
      void queryClient.invalidateQueries({ queryKey: importKeys.lists() })
    },
  })
}
