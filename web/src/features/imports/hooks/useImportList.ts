import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { importsApi } from '../api'
import { importKeys, SETTLED, type ImportListParams } from '../types'

/** The import history; refreshed every few seconds while one of the shown imports still runs. */
export function useImportList(params: ImportListParams) {
  return useQuery({
    queryKey: importKeys.list(params),
    queryFn: ({ signal }) => importsApi.list(params, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((i) => !SETTLED.has(i.status)) ? 2000 : false),
  })
}
