import { sql, type RawBuilder } from 'kysely'
import { decodeCursor, encodeCursor } from '../lib/cursor'
import { AppError } from '../server/errors'

/**
 * Keyset pagination shared by every list: the page continues after (sortValue, id) of the last
 * row, so a cursor stays valid while rows are inserted and deep pages cost what the first does.
 * Each sort key needs an index on (column, id).
 */
export interface SortKey {
  /** Column reference as written in SQL, e.g. `c.name`. */
  column: string
  /** SQL type of the column, for the cursor's parameter. */
  type: 'text' | 'timestamptz' | 'integer' | 'date' | 'numeric'
}

export interface Keyset {
  sort: string
  key: SortKey
  direction: 'asc' | 'desc'
  after: { value: string; id: string } | null
}

// Cursors carry timestamps as toISOString() wrote them; anything else would fail in the cast.
const isTimestamp = (v: string) => {
  const d = new Date(v)
  return !Number.isNaN(d.getTime()) && d.toISOString() === v
}
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && v >= '0001-01-01' && isTimestamp(`${v}T00:00:00.000Z`)

/** Parses `sort` (`name`, `-createdAt`) and `cursor`; a cursor made for another sort is refused. */
export function parseKeyset(sortKeys: Record<string, SortKey>, sort: string, cursor: string | undefined): Keyset {
  const direction = sort.startsWith('-') ? 'desc' : 'asc'
  const field = sort.replace(/^-/, '')
  const key = sortKeys[field]
  if (!key) {
    throw new AppError('VALIDATION_FAILED', `sort: must be one of ${Object.keys(sortKeys).join(', ')} (prefix - for descending)`, {
      errors: [{ path: 'sort', message: `Must be one of ${Object.keys(sortKeys).join(', ')}, optionally prefixed with -` }],
    })
  }
  let after: Keyset['after'] = null
  if (cursor) {
    const c = decodeCursor(cursor, sort)
    if (!c || c.v === null || (key.type === 'timestamptz' && !isTimestamp(c.v)) || (key.type === 'integer' && !/^-?\d{1,9}$/.test(c.v)) || (key.type === 'date' && !isDate(c.v)) || (key.type === 'numeric' && !/^-?\d{1,16}(\.\d{1,4})?$/.test(c.v))) {
      throw new AppError('VALIDATION_FAILED', 'cursor: invalid or made for another sort', {
        errors: [{ path: 'cursor', message: 'Invalid cursor' }],
      })
    }
    after = { value: c.v, id: c.id }
  }
  return { sort, key, direction, after }
}

/** `(col, id) > (value, id)` — one row comparison the (col, id) index answers directly. */
export function afterCondition(k: Keyset, idColumn: string): RawBuilder<boolean> | null {
  if (!k.after) return null
  const op = sql.raw(k.direction === 'asc' ? '>' : '<')
  return sql<boolean>`(${sql.raw(k.key.column)}, ${sql.raw(idColumn)}) ${op} (${k.after.value}::${sql.raw(k.key.type)}, ${k.after.id}::uuid)`
}

export function orderBy(k: Keyset, idColumn: string): RawBuilder<unknown> {
  const dir = sql.raw(k.direction)
  return sql`${sql.raw(k.key.column)} ${dir}, ${sql.raw(idColumn)} ${dir}`
}

/** Cuts the extra row fetched to learn whether there is a next page and builds its cursor. */
export function finishPage<R extends { id: string }>(
  rows: R[],
  limit: number,
  k: Keyset,
  valueOf: (row: R) => string,
): { rows: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor({ s: k.sort, v: valueOf(last), id: last.id }) : null,
  }
}
