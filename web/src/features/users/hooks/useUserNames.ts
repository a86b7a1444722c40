import { useMemo } from 'react'
import { useUserDirectory } from './useUserDirectory'

/** id → name of every user, for showing owners and actors recorded by id. */
export function useUserNames(): Map<string, string> {
  const { data } = useUserDirectory()
  return useMemo(() => new Map((data ?? []).map((u) => [u.id, u.name])), [data])
}
