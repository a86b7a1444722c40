import type { SearchHit } from './api'

/** Where a search hit leads: a customer's page, or the contact opened over the contact list. */
export const hitPath = (hit: Pick<SearchHit, 'kind' | 'id'>) => (hit.kind === 'customer' ? `/customers/${hit.id}` : `/contacts/${hit.id}`)
