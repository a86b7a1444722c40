import { lazy, Suspense, type ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { FullPageSpin } from '../components/FullPageSpin'
import { SessionContext } from '../features/auth/SessionContext'
import { useSession } from '../features/auth/hooks/useSession'

// Rarely shown: kept out of the first chunk every page loads.
const ErrorResult = lazy(() => import('../components/ErrorResult').then((m) => ({ default: m.ErrorResult })))

/** Renders its children only for a signed-in user; anybody else goes to /login and comes back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data, isPending, error, refetch } = useSession()
  const location = useLocation()
  if (isPending) return <FullPageSpin />
  if (error) {
    return (
      <Suspense fallback={<FullPageSpin />}>
        <ErrorResult error={error} onRetry={() => void refetch()} />
      </Suspense>
    )
  }
  if (!data) {
    const next = location.pathname + location.search
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />
  }
  return <SessionContext.Provider value={data}>{children}</SessionContext.Provider>
}
