import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { PAGE_SIZES } from '../../../components/CursorPager'
import { OPPORTUNITY_STATUSES, type OpportunityListParams, type OpportunityStatus } from '../types'

export const DEFAULT_SORT = '-createdAt'
const FILTERS = ['q', 'stage', 'status', 'ownerId', 'teamId', 'closeMonth'] as const
export type OpportunityFilterKey = (typeof FILTERS)[number]

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (list.includes(v as T) ? (v as T) : undefined)

/** The deal list's search, filters, sort and page size, kept in the URL. */
export function useOpportunityListParams() {
  const [search, setSearch] = useSearchParams()
  const filters = useMemo(
    () => ({
      q: search.get('q') ?? '',
      stage: search.get('stage') ?? undefined,
      status: oneOf<OpportunityStatus>(OPPORTUNITY_STATUSES, search.get('status')),
      ownerId: search.get('ownerId') ?? undefined,
      teamId: search.get('teamId') ?? undefined,
      closeMonth: search.get('closeMonth') ?? undefined,
    }),
    [search],
  )
  const sort = search.get('sort') ?? DEFAULT_SORT
  const limit = Number(search.get('limit')) || PAGE_SIZES[0]

  const update = useCallback(
    (patch: Partial<Record<OpportunityFilterKey | 'sort' | 'limit', string | number | undefined>>) =>
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev)
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === '') next.delete(k)
            else next.set(k, String(v))
          }
          return next
        },
        { replace: true },
      ),
    [setSearch],
  )
  const clear = useCallback(() => update(Object.fromEntries(FILTERS.map((k) => [k, undefined]))), [update])
  const hasFilters = FILTERS.some((k) => Boolean(filters[k]))

  const params: OpportunityListParams = {
    q: filters.q.trim() || undefined,
    stage: filters.stage,
    status: filters.status,
    ownerId: filters.ownerId,
    teamId: filters.teamId,
    closeMonth: filters.closeMonth,
    sort,
    limit,
  }
  return { filters, sort, limit, params, update, clear, hasFilters }
}
