import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useDebouncedValue } from '../../../hooks/useDebouncedValue'
import { mailingListsApi } from '../api'
import { isComplete, toFilter, type SegmentDraft } from '../segment'
import { mailingListKeys } from '../types'

/**
 * The live count and first members of a segment being edited. Only complete rows are sent, and
 * only after typing pauses, so a half-typed value does not flash "0 members" or flood the server.
 */
export function useSegmentPreview(draft: SegmentDraft, enabled = true) {
  const filter = useDebouncedValue(toFilter(draft, true), 400)
  const rows = 'all' in filter ? filter.all : filter.any
  const pending = draft.conditions.some((c) => !isComplete(c))
  const query = useQuery({
    queryKey: mailingListKeys.preview(filter),
    queryFn: () => mailingListsApi.preview(filter),
    placeholderData: keepPreviousData,
    enabled: enabled && rows.length > 0,
    retry: false,
  })
  return { ...query, pending, empty: rows.length === 0 }
}
