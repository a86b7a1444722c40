import { useDuplicateCheck } from '../../../hooks/useDuplicateCheck'
import type { Duplicate } from '../types'

/** Leads, customers and contacts with the e-mail, phone or company being typed. */
export function useLeadDuplicates(values: { email?: string | null; phone?: string | null; company?: string | null }, defaultRegion: string, excludeId?: string) {
  const found = useDuplicateCheck<Duplicate>('/leads/duplicates', values, defaultRegion)
  return { ...found, data: found.data?.filter((d) => !(d.kind === 'lead' && d.id === excludeId)) }
}
