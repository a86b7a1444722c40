import { sql, type RawBuilder } from 'kysely'
import Big from 'big.js'
import type { Executor } from '../../db/database'
import { dayRange } from '../../db/day-range'
import type { Scope } from '../../server/permissions'
import type { ReportColumn, ReportName, ReportParams, ReportRow } from './reports.schema'
import { label, type Lang } from './reports.labels'
import { dayIn, fxColumns, fxConverted, fxJoin, todayIn, type FxSpec } from '../../db/fx'

/** What one report computes from: resolved parameters and the caller's visibility. */
export interface ReportInput {
  db: Executor
  params: ReportParams & { from: string; to: string; tz: string; currency: string }
  scope: Scope
  lang: Lang
  /** What the money conversions of this run used: filled in by the report, turned into notes by the service. */
  fx: FxState
}

/** On which day a report values an amount: a deal's close date, its creation, today (open deals), an order's date. */
export type FxBasis = 'closed' | 'created' | 'today' | 'ordered'

export interface FxState {
  target: string
  digits: number
  /** The oldest and newest rate date that converted something. */
  from: string | null
  to: string | null
  /** Currencies with amounts that had no rate on their day. */
  missing: Set<string>
  bases: Set<FxBasis>
}

/** The decimal places of a currency's minor unit (CNY, USD: 2; JPY, KRW: 0), as Intl knows them. */
export function minorUnits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

export const newFxState = (target: string): FxState => ({ target, digits: Math.min(2, minorUnits(target)), from: null, to: null, missing: new Set(), bases: new Set() })

/** One amount in its own currency, where a total in the report currency cannot be formed. */
export interface MoneyPart {
  currency: string
  amount: string
}
/** A money cell: a decimal string in the report currency, or per-currency amounts when some could not be converted. */
export type MoneyValue = string | MoneyPart[]

/** The aggregate columns of fxColumns(), as Kysely returns them. */
export interface FxRow {
  fxCur: string | null
  fxMissing: number
  fxFrom: string | null
  fxTo: string | null
}

/**
 * A money measure summed over rows in several currencies: the converted total when every amount had
 * a rate, else each currency's own total (the report currency first) — never a partial sum.
 */
export class Money {
  private conv = new Big(0)
  private missing = 0
  private parts = new Map<string, Big>()
  constructor(private readonly target: string) {}

  add(currency: string | null, native: string | null | undefined, conv: string | null | undefined, missing: number): this {
    if (currency === null) return this
    this.parts.set(currency, (this.parts.get(currency) ?? new Big(0)).plus(native ?? 0))
    this.conv = this.conv.plus(conv ?? 0)
    this.missing += missing
    return this
  }

  plus(other: Money): this {
    for (const [c, v] of other.parts) this.parts.set(c, (this.parts.get(c) ?? new Big(0)).plus(v))
    this.conv = this.conv.plus(other.conv)
    this.missing += other.missing
    return this
  }

  /** The total in the report currency, or null when some amount could not be converted. */
  get converted(): string | null {
    return this.missing > 0 ? null : this.conv.toFixed(2)
  }

  get value(): MoneyValue {
    if (this.missing === 0) return this.conv.toFixed(2)
    return [...this.parts]
      .filter(([, v]) => !v.eq(0))
      .sort(([a], [b]) => (a === this.target ? -1 : b === this.target ? 1 : a.localeCompare(b)))
      .map(([currency, v]) => ({ currency, amount: v.toFixed(2) }))
  }
}

/**
 * The rate lookup for rows whose currency is `currency`: on today's date (`basis` 'today', open
 * deals), else on the calendar day of the timestamp column `at` in the report's time zone.
 */
export function fxSpec(input: ReportInput, currency: string, basis: FxBasis, at?: string, alias = 'fx'): FxSpec {
  input.fx.bases.add(basis)
  const day = basis === 'today' || !at ? todayIn(input.params.tz) : dayIn(at, input.params.tz)
  return { alias, currency, day, target: input.fx.target, digits: input.fx.digits }
}
export { fxColumns, fxConverted, fxJoin }

/**
 * Rows of (group, currency) from a query with fxColumns() folded into groups, in the order met: the
 * rows of each group and its money measures. Records what the conversion used in input.fx.
 */
export function foldMoney<R extends FxRow, M extends string>(
  input: ReportInput, rows: R[], keyOf: (r: R) => string, measures: readonly M[],
): Map<string, { first: R; rows: R[]; money: Record<M, Money> }> {
  const out = new Map<string, { first: R; rows: R[]; money: Record<M, Money> }>()
  const fx = input.fx
  for (const r of rows) {
    const k = keyOf(r)
    let g = out.get(k)
    if (!g) out.set(k, (g = { first: r, rows: [], money: Object.fromEntries(measures.map((m) => [m, new Money(fx.target)])) as Record<M, Money> }))
    g.rows.push(r)
    for (const m of measures) g.money[m].add(r.fxCur, (r as unknown as Record<string, string>)[`${m}Native`], (r as unknown as Record<string, string>)[`${m}Conv`], r.fxMissing)
    if (r.fxMissing > 0 && r.fxCur) fx.missing.add(r.fxCur)
    if (r.fxFrom && (!fx.from || r.fxFrom < fx.from)) fx.from = r.fxFrom
    if (r.fxTo && (!fx.to || r.fxTo > fx.to)) fx.to = r.fxTo
  }
  return out
}

/** The sum of a measure over groups. */
export const totalOf = <M extends string>(target: string, groups: Iterable<{ money: Record<M, Money> }>, m: M): Money => {
  const t = new Money(target)
  for (const g of groups) t.plus(g.money[m])
  return t
}

export interface ReportOutput {
  columns: ReportColumn[]
  rows: ReportRow[]
  totals: Record<string, string | number | null | MoneyPart[]>
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
