import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { contactsApi } from '../../contacts/api'
import { customersApi } from '../../customers/api'
import { leadsApi } from '../../leads/api'
import type { MemberKind } from '../types'

export interface PersonOption {
  id: string
  name: string
  email: string | null
  company: string | null
}

/** Customers, contacts or leads matching what is typed, for adding to a static list. */
export function usePeopleSearch(kind: MemberKind, q: string) {
  return useQuery({
    queryKey: ['mailing-lists', 'people', kind, q],
    queryFn: async ({ signal }): Promise<PersonOption[]> => {
      const params = { q: q || undefined, limit: 20 }
      if (kind === 'customer') {
        const page = await customersApi.list(params, signal)
        return page.items.map((c) => ({ id: c.id, name: c.name, email: c.email, company: c.company }))
      }
      if (kind === 'contact') {
        const page = await contactsApi.list(params, signal)
        return page.items.map((c) => ({ id: c.id, name: c.name, email: c.email, company: c.customerName }))
      }
      const page = await leadsApi.list(params, signal)
      return page.items.map((l) => ({ id: l.id, name: l.name, email: l.email, company: l.company }))
    },
    placeholderData: keepPreviousData,
  })
}
