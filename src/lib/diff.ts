export type FieldChanges = Record<string, { before: unknown; after: unknown }>

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** Before/after of each field in `patch` whose value differs from `current`. */
export function changedFields<T extends object>(current: T, patch: Partial<T>): FieldChanges {
  const changes: FieldChanges = {}
  for (const [key, after] of Object.entries(patch)) {
    if (after === undefined) continue
    const before = (current as Record<string, unknown>)[key]
    if (!same(before, after)) changes[key] = { before: before ?? null, after: after ?? null }
  }
  return changes
}
