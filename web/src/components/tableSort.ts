import type { Key } from 'react'
import type { SortOrder } from 'antd/es/table/interface'

type Sorter = { order?: SortOrder; columnKey?: Key }

/**
 * A list's `sort` parameter ("name", "-createdAt") as antd column sort state, and back. The server
 * sorts (keyset pages), so a click asks for a new first page; a third click goes back to ascending
 * instead of "unsorted", which the server has no order for. `enabled` false (a search ranked by
 * relevance) shows no sorters.
 */
export function tableSort<K extends string>(sort: string | undefined, onSortChange: ((sort: string | undefined) => void) | undefined, enabled = onSortChange !== undefined) {
  const order = (key: K): SortOrder => (sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null)
  return {
    /** Spread into a column whose key is a sort the list offers. */
    sortProps: (key: K) =>
      enabled ? { sorter: true, sortOrder: order(key), sortDirections: ['ascend', 'descend', 'ascend'] as SortOrder[], showSorterTooltip: false } : {},
    /** The Table's onChange. */
    onChange: (_pagination: unknown, _filters: unknown, sorter: Sorter | Sorter[]) => {
      if (!onSortChange) return
      const s = Array.isArray(sorter) ? sorter[0] : sorter
      if (!s || !s.order || typeof s.columnKey !== 'string') return onSortChange(undefined)
      onSortChange(s.order === 'ascend' ? s.columnKey : `-${s.columnKey}`)
    },
  }
}
