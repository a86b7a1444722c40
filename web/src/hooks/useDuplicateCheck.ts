import { useQuery, useQueryClient } from '@tanstack/react-query'
import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js'
import { api } from '../lib/api'
import { useDebouncedValue } from './useDebouncedValue'

const atLeast = (n: number, v: string | null | undefined) => (v && v.trim().length >= n ? v.trim() : undefined)

export interface DuplicateProbe {
  name?: string | null
  email?: string | null
  phone?: string | null
  company?: string | null
}

/**
 * Possible duplicates of what a form holds, asked of `path` (`/leads/duplicates`,
 * `/customers/duplicates`, `/contacts/duplicates`) once typing pauses. A value is sent once it is
 * worth a look-up: an e-mail with its @, a complete phone number, a name or company of two
 * characters or more; `extra` (customerId, excludeId) rides along but asks nothing by itself.
 */
export function useDuplicateCheck<T>(path: string, values: DuplicateProbe, defaultRegion: string, extra: Record<string, string | undefined> = {}) {
  const email = atLeast(3, values.email)
  const phone = atLeast(3, values.phone)
  const probe = {
    name: atLeast(2, values.name),
    email: email?.includes('@') ? email : undefined,
    phone: phone && isValidPhoneNumber(phone, defaultRegion as CountryCode) ? phone : undefined,
    company: atLeast(2, values.company),
  }
  const asked = Boolean(probe.name || probe.email || probe.phone || probe.company)
  const queryClient = useQueryClient()
  // Debounce a string: a fresh object every render would restart the timer for ever.
  const query = JSON.parse(useDebouncedValue(JSON.stringify({ ...probe, ...extra }), 400)) as Record<string, string | undefined>
  const enabled = asked && Boolean(query.name || query.email || query.phone || query.company)
  const found = useQuery({
    queryKey: ['duplicates', path, query],
    queryFn: ({ signal }) => api.get<{ items: T[] }>(path, query, signal),
    enabled,
    staleTime: 10_000,
    select: (r) => r.items,
  })
  /** Asks now, without waiting for the pause (a Save clicked while typing), and shows the answer. */
  const checkNow = async (): Promise<T[]> => {
    if (!asked) return []
    const now = { ...probe, ...extra }
    const r = await queryClient.fetchQuery({ queryKey: ['duplicates', path, now], queryFn: () => api.get<{ items: T[] }>(path, now), staleTime: 10_000 })
    return r.items
  }
  return { ...found, checkNow }
}
