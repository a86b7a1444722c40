import { oneOf, textFilter, useUrlListParams } from '../../../hooks/useUrlListParams'
import { OPPORTUNITY_STATUSES, type OpportunityListParams } from '../types'

export { DEFAULT_SORT } from '../../../hooks/useUrlListParams'

const FILTERS = { stage: textFilter, status: oneOf(OPPORTUNITY_STATUSES), ownerId: textFilter, teamId: textFilter, closeMonth: textFilter }
export type OpportunityFilterKey = 'q' | keyof typeof FILTERS
const OPTIONS = { sortWhileSearching: true }

/** The deal list's search, filters, sort and page size, kept in the URL (sorted even while searching). */
export function useOpportunityListParams() {
  const list = useUrlListParams(FILTERS, OPTIONS)
  return { ...list, params: list.params satisfies OpportunityListParams }
}
