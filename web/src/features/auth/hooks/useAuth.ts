import type { Role } from '@server/server/context'
import { useSession } from './useSession'

/** The signed-in user, for components rendered inside RequireAuth (where a session exists). */
export function useAuth() {
  const { data } = useSession()
  if (!data) throw new Error('useAuth used outside RequireAuth')
  const hasRole = (...roles: Role[]) => roles.includes(data.user.role)
  return { session: data, user: data.user, defaultRegion: data.settings.defaultRegion, hasRole }
}
