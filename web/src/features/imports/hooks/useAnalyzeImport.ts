import { useMutation } from '@tanstack/react-query'
import { importsApi } from '../api'
import type { ImportEntity } from '../types'

export function useAnalyzeImport() {
  return useMutation({
    mutationFn: ({ file, entity, sheet, listId }: { file: File; entity: ImportEntity; sheet?: string; listId?: string }) => importsApi.analyze(file, entity, sheet, listId),
  })
}
