import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { FullPageSpin } from '../components/FullPageSpin'
import { ErrorResult } from '../components/ErrorResult'
import { useSession } from '../features/auth/hooks/useSession'

/** Renders its children only for a signed-in user; anybody else goes to /login and comes back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data, isPending, error, refetch } = useSession()
  const location = useLocation()
  if (isPending) return <FullPageSpin />
  if (error) return <ErrorResult error={error} onRetry={() => void refetch()} />
  if (!data) {
    const next = location.pathname + location.search
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />
  }
  return <>{children}</>
}
