import { z } from 'zod'

/**
 * Keyset cursor: the sort value and id of the last row of a page, base64url JSON.
 * A forged cursor can only name a position in the caller's own filtered list, so it is
 * validated for shape, not signed.
 */
const cursorSchema = z.object({
  s: z.string().max(64),
  // A NUL or a lone surrogate cannot be a value this server wrote, and would fail in the database.
  v: z.union([z.string().max(1000).refine((v) => v.isWellFormed() && !v.includes('\u0000')), z.null()]),
  id: z.uuid(),
})
export type Cursor = z.infer<typeof cursorSchema>

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url')
}

/** Returns null for anything that is not a cursor this server made for the same sort. */
export function decodeCursor(raw: string, sort: string): Cursor | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')))
    if (!parsed.success || parsed.data.s !== sort) return null
    return parsed.data
  } catch {
    return null
  }
}
