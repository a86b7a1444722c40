import { oneOf, useUrlListParams } from '../../../hooks/useUrlListParams'
import { QUOTE_STATUSES, type QuoteListParams } from '../types'

export { DEFAULT_SORT } from '../../../hooks/useUrlListParams'

const FILTERS = { status: oneOf(QUOTE_STATUSES) }

/** The quote list's search, status filter, sort and page size, kept in the URL. */
export function useQuoteListParams() {
  const list = useUrlListParams(FILTERS)
  return { ...list, params: list.params as QuoteListParams }
}
