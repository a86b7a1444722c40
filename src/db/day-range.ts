import { sql, type RawBuilder } from 'kysely'

/**
 * A timestamp `column` within calendar days [from, to] of time zone `tz` (either end may be open),
 * as bounds on the bare column so its index answers: the reports count by these days, and the
 * lists their rows drill into must cut at the same instants.
 */
export function dayRange(column: string, { from, to, tz }: { from?: string; to?: string; tz: string }): RawBuilder<boolean> {
  const c = sql.ref(column)
  const parts: RawBuilder<boolean>[] = [sql<boolean>`true`]
  if (from) parts.push(sql<boolean>`${c} >= (${from}::date)::timestamp AT TIME ZONE ${tz}`)
  if (to) parts.push(sql<boolean>`${c} < ((${to}::date + 1))::timestamp AT TIME ZONE ${tz}`)
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`
}
