import { useQuery } from '@tanstack/react-query'
import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js'
import { useDebouncedValue } from '../../../hooks/useDebouncedValue'
import { leadsApi } from '../api'
import { leadKeys, type DuplicateQuery } from '../types'

const atLeast = (n: number, v: string | null | undefined) => (v && v.trim().length >= n ? v.trim() : undefined)

/**
 * Possible duplicates of what is being typed (e-mail, phone, company), asked once typing pauses.
 * A value is sent once it is worth a look-up: an e-mail with its @, a phone number that is complete
 * (the server refuses the whole check for a half-typed one), a company of two characters or more.
 */
export function useLeadDuplicates(values: { email?: string | null; phone?: string | null; company?: string | null }, defaultRegion: string, excludeId?: string) {
  const email = atLeast(3, values.email)
  const phone = atLeast(3, values.phone)
  const query: DuplicateQuery = {
    email: email?.includes('@') ? email : undefined,
    phone: phone && isValidPhoneNumber(phone, defaultRegion as CountryCode) ? phone : undefined,
    company: atLeast(2, values.company),
  }
  // Debounce a string: a fresh object every render would restart the timer for ever.
  const debounced = JSON.parse(useDebouncedValue(JSON.stringify(query), 400)) as DuplicateQuery
  const enabled = Boolean(debounced.email || debounced.phone || debounced.company)
  return useQuery({
    queryKey: leadKeys.duplicates(debounced),
    queryFn: ({ signal }) => leadsApi.findDuplicates(debounced, signal),
    enabled,
    staleTime: 10_000,
    select: (r) => r.items.filter((d) => !(d.kind === 'lead' && d.id === excludeId)),
  })
}
