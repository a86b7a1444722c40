import { oneOf, textFilter, useUrlListParams } from '../../../hooks/useUrlListParams'
import { LEAD_STATUSES, type LeadListParams } from '../types'

export { DEFAULT_SORT } from '../../../hooks/useUrlListParams'

// teamId, created days and their time zone: what a report's drill-down narrows by.
const FILTERS = { status: oneOf(LEAD_STATUSES), ownerId: textFilter, source: textFilter, campaignId: textFilter, teamId: textFilter, createdFrom: textFilter, createdTo: textFilter, tz: textFilter }
export type LeadFilterKey = 'q' | keyof typeof FILTERS

/** The lead list's search, filters, sort and page size, kept in the URL. */
export function useLeadListParams() {
  const list = useUrlListParams(FILTERS)
  return { ...list, params: list.params satisfies LeadListParams }
}
