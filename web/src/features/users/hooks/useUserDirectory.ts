import { useQuery } from '@tanstack/react-query'
import { usersApi } from '../api'
import { userKeys } from '../types'

/** Up to 200 users, cached for a few minutes: owner names and pickers read from it. */
export function useUserDirectory() {
  return useQuery({
    queryKey: userKeys.directory(),
    queryFn: ({ signal }) => usersApi.list({ limit: 200 }, signal),
    staleTime: 5 * 60_000,
    select: (page) => page.items,
  })
}
