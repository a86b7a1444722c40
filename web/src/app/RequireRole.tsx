import type { Role } from '@server/server/context'
import { lazy, Suspense, type ReactNode } from 'react'
import { useAuth } from '../features/auth/hooks/useAuth'

const ForbiddenResult = lazy(() => import('../components/ForbiddenResult').then((m) => ({ default: m.ForbiddenResult })))

/** Pages only some roles may use; the server enforces it too, this only avoids a dead end. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { hasRole } = useAuth()
  if (hasRole(...roles)) return <>{children}</>
  return (
    <Suspense fallback={null}>
      <ForbiddenResult />
    </Suspense>
  )
}
