import type { Role } from '@server/server/context'
import type { ReactNode } from 'react'
import { ForbiddenResult } from '../components/ForbiddenResult'
import { useAuth } from '../features/auth/hooks/useAuth'

/** Pages only some roles may use; the server enforces it too, this only avoids a dead end. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { hasRole } = useAuth()
  return hasRole(...roles) ? <>{children}</> : <ForbiddenResult />
}
