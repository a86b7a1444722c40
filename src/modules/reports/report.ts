import { sql, type RawBuilder } from 'kysely'
import Big from 'big.js'
import type { Executor } from '../../db/database'
import { dayRange } from '../../db/day-range'
import type { Scope } from '../../server/permissions'
import type { ReportColumn, ReportName, ReportParams, ReportRow } from './reports.schema'
import { label, type Lang } from './reports.labels'

/** What one report computes from: resolved parameters and the caller's visibility. */
export interface ReportInput {
  db: Executor
  params: ReportParams & { from: string; to: string; tz: string; currency: string }
  scope: Scope
  lang: Lang
}

export interface ReportOutput {
  columns: ReportColumn[]
  rows: ReportRow[]
  totals: Record<string, string | number | null>
  notes?: string[]
  /**
   * Money reports: the records read that are in another currency than the report's, so not in its
   * sums; `counted`: they still count in its record counts (else they are left out entirely).
   */
  otherCurrency?: { n: number; counted: boolean }
}

export interface ReportDefinition {
  name: ReportName
  run(input: ReportInput): Promise<ReportOutput>
}

export const col = (lang: Lang, key: string, type: ReportColumn['type'], labelKey = key): ReportColumn => ({ key, label: label(lang, labelKey), type })

/**
 * The owner/team restriction of a report over a table with owner_id and team_id: the caller's
 * scope (what he may read) and the optional ownerId/teamId filters, as one SQL condition.
 */
export function ownedBy(input: ReportInput, alias: string): RawBuilder<boolean> {
  const owner = sql.ref(`${alias}.owner_id`)
  const team = sql.ref(`${alias}.team_id`)
  const parts: RawBuilder<boolean>[] = [sql<boolean>`true`]
  const { scope, params } = input
  if (scope === 'none') parts.push(sql<boolean>`false`)
  else if (scope && scope.teamId === null) parts.push(sql<boolean>`${owner} = ${scope.ownerId}::uuid`)
  else if (scope) parts.push(sql<boolean>`(${owner} = ${scope.ownerId}::uuid OR ${team} = ${scope.teamId}::uuid)`)
  if (params.ownerId) parts.push(sql<boolean>`${owner} = ${params.ownerId}::uuid`)
  if (params.teamId) parts.push(sql<boolean>`${team} = ${params.teamId}::uuid`)
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`
}

/** The caller sees every record and filtered none out: ownedBy() is true. */
export const unrestricted = (input: ReportInput): boolean => !input.scope && !input.params.ownerId && !input.params.teamId

/** `column` within [from, to] as whole days in the caller's time zone. */
export const within = (input: ReportInput, column: string): RawBuilder<boolean> => dayRange(column, input.params)

/**
 * The calendar month (YYYY-MM) of a timestamp in the caller's time zone, or of a date, for rows
 * within [from, to] only: the last month start not after it, found by a binary search over the
 * range's month starts (computed once per query). to_char(… AT TIME ZONE …) on each row was about
 * half of a year-long report's time.
 */
export function monthOf(input: ReportInput, column: string, kind: 'timestamp' | 'date' = 'timestamp'): RawBuilder<string> {
  const months = monthsBetween(input.params.from, input.params.to)
  const starts = months.map((m) => `${m}-01`)
  const bounds =
    kind === 'date'
      ? sql`${starts}::date[]`
      : sql`ARRAY(SELECT (d::date)::timestamp AT TIME ZONE ${input.params.tz} FROM unnest(${starts}::text[]) WITH ORDINALITY AS u(d, i) ORDER BY i)`
  return sql<string>`(${months}::text[])[width_bucket(${sql.ref(column)}, ${bounds})]`
}

/**
 * Deals at a stage of one of these kinds, matching `when`, visible to the caller, but in another
 * currency than the report's: the count for ReportOutput.otherCurrency of a report that filters
 * its deals by currency.
 */
export async function otherCurrencyDeals(input: ReportInput, kinds: ('open' | 'won' | 'lost')[], when: RawBuilder<boolean>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n
      FROM opportunities o JOIN pipeline_stages s ON s.key = o.stage AND s.kind = ANY(${kinds}::text[])
     WHERE o.deleted_at IS NULL AND o.currency <> ${input.params.currency} AND ${when} AND ${ownedBy(input, 'o')}`.execute(input.db)
  return rows[0]?.n ?? 0
}

/** Rates as percentages with one decimal; null when there is nothing to divide by. */
export const pct = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null)

/** Every month from `from` to `to` (YYYY-MM), so months without data still get a row. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = from.slice(0, 7).split('-').map(Number)
  const [ty, tm] = to.slice(0, 7).split('-').map(Number)
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return out
}

/** Exact decimal sum of the database's decimal strings, two places. */
export const sumMoney = (values: string[]): string => values.reduce((a, v) => a.plus(v), new Big(0)).toFixed(2)

/** A name for a group key: the stage/owner/team name, or "(none)". */
export const orNone = (lang: import('./reports.labels').Lang, v: string | null | undefined) => v ?? label(lang, 'note.noValue')
