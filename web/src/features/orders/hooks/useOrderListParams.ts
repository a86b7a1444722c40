import { oneOf, useUrlListParams } from '../../../hooks/useUrlListParams'
import { ORDER_STATUSES, type OrderListParams } from '../types'

export { DEFAULT_SORT } from '../../../hooks/useUrlListParams'

const FILTERS = { status: oneOf(ORDER_STATUSES) }

/** The order list's search, status filter, sort and page size, kept in the URL. */
export function useOrderListParams() {
  const list = useUrlListParams(FILTERS)
  return { ...list, params: list.params as OrderListParams }
}
