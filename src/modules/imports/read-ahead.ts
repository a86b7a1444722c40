/**
 * Yields what `work` makes of each item of `source`, having already started on the next item:
 * while the caller waits on the database with one batch, Node reads, parses and validates the
 * following one, so the two machines work side by side instead of taking turns.
 */
export async function* readAhead<T, U>(source: AsyncIterator<T>, work: (item: T) => Promise<U>): AsyncGenerator<U> {
  const step = async (): Promise<{ value: U } | undefined> => {
    const r = await source.next()
    return r.done ? undefined : { value: await work(r.value) }
  }
  let next = step()
  try {
    for (;;) {
      const r = await next
      if (!r) return
      next = step()
      // Awaited on the next turn; until then a failure must not count as unhandled.
      next.catch(() => {})
      yield r.value
    }
  } finally {
    // The caller stopped early (its batch failed): let the step under way settle, then close the source.
    await next.catch(() => {})
    await source.return?.(undefined)
  }
}
