import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { PAGE_SIZES } from '../../../components/CursorPager'
import { LEAD_STATUSES, type LeadListParams, type LeadStatus } from '../types'

export const DEFAULT_SORT = '-createdAt'
const FILTERS = ['q', 'status', 'ownerId', 'source'] as const
export type LeadFilterKey = (typeof FILTERS)[number]

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (list.includes(v as T) ? (v as T) : undefined)

/** The lead list's search, filters, sort and page size, kept in the URL. */
export function useLeadListParams() {
  const [search, setSearch] = useSearchParams()
  const filters = useMemo(
    () => ({
      q: search.get('q') ?? '',
      status: oneOf<LeadStatus>(LEAD_STATUSES, search.get('status')),
      ownerId: search.get('ownerId') ?? undefined,
      source: search.get('source') ?? undefined,
    }),
    [search],
  )
  const sort = search.get('sort') ?? DEFAULT_SORT
  const limit = Number(search.get('limit')) || PAGE_SIZES[0]

  const update = useCallback(
    (patch: Partial<Record<LeadFilterKey | 'sort' | 'limit', string | number | undefined>>) =>
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

  const params: LeadListParams = {
    q: filters.q.trim() || undefined,
    status: filters.status,
    ownerId: filters.ownerId,
    source: filters.source,
    sort: filters.q.trim() ? undefined : sort,
    limit,
  }
  return { filters, sort, limit, params, update, clear, hasFilters }
}
