import { useMemo } from 'react'
import { useUserDirectory } from '../../users/hooks/useUserDirectory'

/** Active support users: the only people a ticket may be assigned to. */
export function useSupportUsers() {
  const directory = useUserDirectory()
  const users = useMemo(() => (directory.data ?? []).filter((u) => u.role === 'support' && u.active), [directory.data])
  return { users, isLoading: directory.isLoading }
}
