import type { Role } from '@server/server/context'
import { useContext } from 'react'
import { SessionContext } from '../SessionContext'

/** The signed-in user, for components rendered inside RequireAuth (where a session exists). */
export function useAuth() {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useAuth used outside RequireAuth')
  const hasRole = (...roles: Role[]) => roles.includes(session.user.role)
  return { session, user: session.user, defaultRegion: session.settings.defaultRegion, hasRole }
}
