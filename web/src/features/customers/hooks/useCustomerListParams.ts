import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { PAGE_SIZES } from '../../../components/CursorPager'
import { CUSTOMER_STATUSES, CUSTOMER_TYPES, type CustomerListParams, type CustomerStatus, type CustomerType } from '../types'

export const DEFAULT_SORT = '-createdAt'
const FILTERS = ['q', 'status', 'type', 'ownerId', 'tag', 'industry'] as const
export type CustomerFilterKey = (typeof FILTERS)[number]

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (list.includes(v as T) ? (v as T) : undefined)

/** The list's search, filters, sort and page size, kept in the URL so Back and shared links work. */
export function useCustomerListParams() {
  const [search, setSearch] = useSearchParams()

  const filters = useMemo(
    () => ({
      q: search.get('q') ?? '',
      status: oneOf<CustomerStatus>(CUSTOMER_STATUSES, search.get('status')),
      type: oneOf<CustomerType>(CUSTOMER_TYPES, search.get('type')),
      ownerId: search.get('ownerId') ?? undefined,
      tag: search.get('tag') ?? undefined,
      industry: search.get('industry') ?? undefined,
    }),
    [search],
  )
  const sort = search.get('sort') ?? DEFAULT_SORT
  const limit = Number(search.get('limit')) || PAGE_SIZES[0]

  const update = useCallback(
    (patch: Partial<Record<CustomerFilterKey | 'sort' | 'limit', string | number | undefined>>) =>
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

  // With a search text the server orders by relevance, so no sort is sent.
  const params: CustomerListParams = {
    q: filters.q.trim() || undefined,
    status: filters.status,
    type: filters.type,
    ownerId: filters.ownerId,
    tag: filters.tag,
    industry: filters.industry,
    sort: filters.q.trim() ? undefined : sort,
    limit,
  }
  return { filters, sort, limit, params, update, clear, hasFilters }
}
