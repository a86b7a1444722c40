import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { PAGE_SIZES } from '../components/CursorPager'

export const DEFAULT_SORT = '-createdAt'

/** Reads one filter from its URL search param (null when absent). */
export type FilterParser = (raw: string | null) => string | undefined

/** A free-text filter: the param as is, or undefined. */
export const textFilter: FilterParser = (raw) => raw ?? undefined
/** A filter taking one of `list`'s values; anything else is ignored. */
export const oneOf =
  <T extends string>(list: readonly T[]) =>
  (raw: string | null): T | undefined =>
    list.includes(raw as T) ? (raw as T) : undefined

type Parsed<P extends Record<string, FilterParser>> = { [K in keyof P]: ReturnType<P[K]> }

/**
 * A list's search text `q`, its filters (`parsers`, one per URL param, declared once at module
 * level and in the order they are sent), sort and page size, kept in the URL so Back and shared
 * links work. With a search text the server orders by relevance, so no sort is sent unless
 * `sortWhileSearching`.
 */
export function useUrlListParams<P extends Record<string, FilterParser>>(parsers: P, { sortWhileSearching = false } = {}) {
  const [search, setSearch] = useSearchParams()

  const filters = useMemo(() => {
    const out: Record<string, string | undefined> = { q: search.get('q') ?? '' }
    for (const [k, parse] of Object.entries(parsers)) out[k] = parse(search.get(k))
    return out as { q: string } & Parsed<P>
  }, [search, parsers])
  const sort = search.get('sort') ?? DEFAULT_SORT
  const limit = Number(search.get('limit')) || PAGE_SIZES[0]

  const update = useCallback(
    (patch: Partial<Record<'q' | keyof P | 'sort' | 'limit', string | number | undefined>>) =>
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

  const keys = useMemo(() => ['q', ...Object.keys(parsers)], [parsers])
  const clear = useCallback(() => update(Object.fromEntries(keys.map((k) => [k, undefined])) as Parameters<typeof update>[0]), [update, keys])
  const hasFilters = keys.some((k) => Boolean(filters[k]))

  const q = filters.q.trim()
  const params: { q: string | undefined } & Parsed<P> & { sort: string | undefined; limit: number } = {
    ...filters,
    q: q || undefined,
    sort: q && !sortWhileSearching ? undefined : sort,
    limit,
  }
  return { filters, sort, limit, params, update, clear, hasFilters }
}
