import { useMutation } from '@tanstack/react-query'
import { importsApi } from '../api'
import type { ImportOptionsInput } from '../types'

export function usePreviewImport() {
  return useMutation({ mutationFn: ({ id, options }: { id: string; options: ImportOptionsInput }) => importsApi.preview(id, options) })
}
