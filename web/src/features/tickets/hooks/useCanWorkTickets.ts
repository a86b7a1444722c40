import { useAuth } from '../../auth/hooks/useAuth'

/** Support, managers and admins work tickets; sales and marketing read their customers' tickets only. */
export function useCanWorkTickets(): boolean {
  const { hasRole } = useAuth()
  return hasRole('admin', 'manager', 'support')
}
