import { oneOf, useUrlListParams } from '../../../hooks/useUrlListParams'
import type { ProductListParams } from '../types'

export { DEFAULT_SORT } from '../../../hooks/useUrlListParams'

const FILTERS = { active: oneOf(['true', 'false'] as const) }

/** The catalog's search, active filter, sort and page size, kept in the URL. */
export function useProductListParams() {
  const list = useUrlListParams(FILTERS)
  return { ...list, params: list.params as ProductListParams }
}
