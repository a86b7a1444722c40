/** Reading a history event's `before`/`after`: the server stores small objects, older rows may hold bare values. */
export function pick(value: unknown, key: string): unknown {
  if (value === null || value === undefined) return null
  if (typeof value === 'object' && !Array.isArray(value)) return (value as Record<string, unknown>)[key] ?? null
  return value
}

export const pickString = (value: unknown, key: string): string | null => {
  const v = pick(value, key)
  return typeof v === 'string' || typeof v === 'number' ? String(v) : null
}

/** Set by the assignment rules rather than a person. */
export const isAutomatic = (value: unknown): boolean => pick(value, 'automatic') === true
