import { oneOf, textFilter, useUrlListParams } from '../../../hooks/useUrlListParams'
import { OPPORTUNITY_STATUSES, type OpportunityListParams } from '../types'

export { DEFAULT_SORT } from '../../../hooks/useUrlListParams'

const day = (raw: string | null) => (raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined)
const FILTERS = {
  stage: textFilter, status: oneOf(OPPORTUNITY_STATUSES), ownerId: textFilter, teamId: textFilter, closeMonth: textFilter,
  // What a report's drill-down narrows by (shown as chips): its period on the date it counts by, and its group.
  closeFrom: day, closeTo: day, noCloseDate: oneOf(['true'] as const), createdFrom: day, createdTo: day, closedFrom: day, closedTo: day,
  tz: textFilter, currency: textFilter, lostReason: textFilter, campaignId: textFilter, source: textFilter,
}
export type OpportunityFilterKey = 'q' | keyof typeof FILTERS
const OPTIONS = { sortWhileSearching: true }

/** The deal list's search, filters, sort and page size, kept in the URL (sorted even while searching). */
export function useOpportunityListParams() {
  const list = useUrlListParams(FILTERS, OPTIONS)
  const params = { ...list.params, noCloseDate: list.params.noCloseDate === 'true' ? true : undefined }
  return { ...list, params: params satisfies OpportunityListParams }
}
