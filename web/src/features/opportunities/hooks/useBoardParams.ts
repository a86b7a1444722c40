import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import type { BoardParams } from '../types'

const KEYS = ['ownerId', 'teamId', 'closeMonth'] as const
type Key = (typeof KEYS)[number]

/** The board's filters (owner, team, close month), kept in the URL. */
export function useBoardParams() {
  const [search, setSearch] = useSearchParams()
  const params: BoardParams = useMemo(
    () => ({
      ownerId: search.get('ownerId') ?? undefined,
      teamId: search.get('teamId') ?? undefined,
      closeMonth: /^\d{4}-\d{2}$/.test(search.get('closeMonth') ?? '') ? search.get('closeMonth')! : undefined,
    }),
    [search],
  )
  const update = useCallback(
    (patch: Partial<Record<Key, string | undefined>>) =>
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev)
          for (const [k, v] of Object.entries(patch)) {
            if (v) next.set(k, v)
            else next.delete(k)
          }
          return next
        },
        { replace: true },
      ),
    [setSearch],
  )
  const hasFilters = KEYS.some((k) => Boolean(params[k]))
  const clear = useCallback(() => update({ ownerId: undefined, teamId: undefined, closeMonth: undefined }), [update])
  return { params, update, clear, hasFilters }
}
