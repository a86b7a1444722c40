import { useMutation } from '@tanstack/react-query'
import { importsApi } from '../api'
import type { ImportEntity } from '../types'

export function useAnalyzeImport() {
  return useMutation({
    mutationFn: ({ file, entity, sheet }: { file: File; entity: ImportEntity; sheet?: string }) => importsApi.analyze(file, entity, sheet),
  })
}
