import { useQuery } from '@tanstack/react-query'
import { fetchSession, sessionKey, type Session } from '../api'
import { applySession } from '../session'

/** The current session (null = signed out); loaded once, then kept up to date by the auth hooks. */
export function useSession() {
  return useQuery<Session | null>({
    queryKey: sessionKey,
    queryFn: async () => {
      const session = await fetchSession()
      applySession(session)
      return session
    },
    staleTime: Infinity,
    retry: false,
  })
}
