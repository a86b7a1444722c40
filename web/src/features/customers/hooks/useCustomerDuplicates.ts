import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { DuplicateMatch } from '../../../components/DuplicateWarning'
import { useDuplicateCheck } from '../../../hooks/useDuplicateCheck'
import { formatDate } from '../../../lib/format'
import type { CustomerCandidate } from '../types'

/** What tells same-named customers apart, one short phrase each. */
export const candidateDetails = (t: TFunction, c: CustomerCandidate): string[] =>
  [
    c.ownerName ? t('duplicates.owner', { name: c.ownerName }) : t('duplicates.noOwner'),
    c.city ?? '',
    c.email ?? '',
    t('duplicates.created', { date: formatDate(c.createdAt) }),
    t('duplicates.contacts', { count: c.related.contacts ?? 0 }),
    t('duplicates.opportunities', { count: c.related.opportunities ?? 0 }),
  ].filter(Boolean)

/** Customers that look like the one being typed (same name, e-mail or phone), the edited one left out. */
export function useCustomerDuplicates(values: { name?: string | null; email?: string | null; phone?: string | null }, defaultRegion: string, excludeId?: string) {
  const { t } = useTranslation()
  const found = useDuplicateCheck<CustomerCandidate>('/customers/duplicates', values, defaultRegion, { excludeId })
  const matches: DuplicateMatch[] = (found.data ?? []).map((c) => ({ kind: 'customer', id: c.id, name: c.name, matchedOn: c.matchedOn, details: candidateDetails(t, c) }))
  return { ...found, matches }
}
