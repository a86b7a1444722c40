import { useCallback, useState } from 'react'

export interface CursorPager {
  /** Cursor of the page shown now; undefined = first page. */
  cursor: string | undefined
  /** 1-based number of the page shown now. */
  page: number
  hasPrevious: boolean
  next: (nextCursor: string) => void
  previous: () => void
  reset: () => void
}

/**
 * Keyset paging: a stack of the cursors that led to the current page. No totals, no offsets.
 * The stack empties whenever `resetKey` changes (new filters → back to page 1).
 */
export function useCursorPager(resetKey: string): CursorPager {
  const [state, setState] = useState<{ key: string; stack: string[] }>({ key: resetKey, stack: [] })
  const stack = state.key === resetKey ? state.stack : []
  if (state.key !== resetKey) setState({ key: resetKey, stack: [] })

  const next = useCallback((c: string) => setState((s) => ({ key: resetKey, stack: [...(s.key === resetKey ? s.stack : []), c] })), [resetKey])
  const previous = useCallback(() => setState((s) => ({ key: resetKey, stack: s.stack.slice(0, -1) })), [resetKey])
  const reset = useCallback(() => setState({ key: resetKey, stack: [] }), [resetKey])

  return { cursor: stack[stack.length - 1], page: stack.length + 1, hasPrevious: stack.length > 0, next, previous, reset }
}
