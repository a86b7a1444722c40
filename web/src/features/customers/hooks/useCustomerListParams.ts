import { oneOf, textFilter, useUrlListParams } from '../../../hooks/useUrlListParams'
import { CUSTOMER_STATUSES, CUSTOMER_TYPES, type CustomerListParams } from '../types'

export { DEFAULT_SORT } from '../../../hooks/useUrlListParams'

const FILTERS = { status: oneOf(CUSTOMER_STATUSES), type: oneOf(CUSTOMER_TYPES), ownerId: textFilter, tag: textFilter, industry: textFilter }
export type CustomerFilterKey = 'q' | keyof typeof FILTERS

/** The customer list's search, filters, sort and page size, kept in the URL. */
export function useCustomerListParams() {
  const list = useUrlListParams(FILTERS)
  return { ...list, params: list.params satisfies CustomerListParams }
}
