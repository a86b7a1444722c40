import type { SearchHit } from './api'

const PATHS: Record<SearchHit['kind'], string> = {
  customer: '/customers',
  contact: '/contacts', // opened as a drawer over the contact list
  lead: '/leads',
  opportunity: '/opportunities',
  ticket: '/tickets',
}

/** Where a search hit leads: the record's own page. */
export const hitPath = (hit: Pick<SearchHit, 'kind' | 'id'>) => `${PATHS[hit.kind]}/${hit.id}`
