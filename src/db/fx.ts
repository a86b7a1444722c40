import { sql, type RawBuilder } from 'kysely'

/**
 * Money in one report currency from rows in many: each row's amount converted with the exchange
 * rate (table exchange_rates, module exchange-rates) in force on the row's day, i.e. the latest
 * rate of its currency on or before that day. A LATERAL lookup, one probe of
 * exchange_rates_lookup_idx per row in another currency; rows already in the report currency skip
 * it (the outer-only condition is a one-time filter, so no probe at all). Numeric all the way:
 * each row is rounded to the currency's minor unit once, then summed (as a spreadsheet with a
 * "converted" column would), so rows always add up to the total.
 */
export interface FxSpec {
  /** Alias of the lookup (several in one query need different ones). */
  alias: string
  /** The row's currency column (char(3)), e.g. `o.currency`. */
  currency: string
  /** The day whose rate applies, as a date expression. */
  day: RawBuilder<unknown>
  /** The report currency: rates into it are used (rates are kept into the company currency). */
  target: string
  /** Decimal places of the report currency's minor unit. */
  digits: number
}

/** LEFT JOIN LATERAL of the rate (`<alias>.rate`, `<alias>.effective_date`); null: same currency, or no rate. */
export function fxJoin(s: FxSpec): RawBuilder<unknown> {
  const cur = sql.ref(s.currency)
  return sql`LEFT JOIN LATERAL (
      SELECT r.rate, r.effective_date FROM exchange_rates r
       WHERE ${cur} <> ${s.target}::bpchar AND r.base = ${s.target}::bpchar AND r.currency = ${cur}::bpchar AND r.effective_date <= ${s.day}
       ORDER BY r.effective_date DESC LIMIT 1) ${sql.id(s.alias)} ON true`
}

/** A row's amount in the report currency, rounded to its minor unit; null when no rate applies. */
export function fxConverted(s: FxSpec, amount: RawBuilder<unknown>): RawBuilder<string | null> {
  return sql`CASE WHEN ${sql.ref(s.currency)} = ${s.target}::bpchar THEN ${amount} ELSE round(${amount} * ${sql.ref(`${s.alias}.rate`)}, ${sql.lit(s.digits)}) END`
}

/**
 * Aggregate columns for rows grouped by (their groups and) `s.currency`: `fx_cur`, `fx_missing`
 * (rows in another currency without a rate), `fx_from`/`fx_to` (the oldest and newest rate date
 * used), and per measure `<m>_native` (sum in the row's own currency) and `<m>_conv` (sum of the
 * converted amounts; partial when fx_missing > 0). `only`: the rows that carry money (won deals
 * among won and lost); the others count elsewhere but add nothing here.
 */
export function fxColumns(s: FxSpec, measures: Record<string, RawBuilder<unknown>>, only?: RawBuilder<boolean>): RawBuilder<unknown> {
  const cur = sql.ref(s.currency)
  const rate = sql.ref(`${s.alias}.rate`)
  const on = only ? sql`${only}` : sql`true`
  const date = sql.ref(`${s.alias}.effective_date`)
  const parts = [
    sql`${cur}::text AS fx_cur`,
    sql`(count(*) FILTER (WHERE ${on} AND ${cur} <> ${s.target}::bpchar AND ${rate} IS NULL))::int AS fx_missing`,
    sql`(min(${date}) FILTER (WHERE ${on}))::text AS fx_from`,
    sql`(max(${date}) FILTER (WHERE ${on}))::text AS fx_to`,
    ...Object.entries(measures).flatMap(([m, amount]) => [
      sql`round(coalesce(sum(${amount}) FILTER (WHERE ${on}), 0), 2)::text AS ${sql.id(`${m}_native`)}`,
      sql`round(coalesce(sum(${fxConverted(s, amount)}) FILTER (WHERE ${on}), 0), ${sql.lit(s.digits)})::text AS ${sql.id(`${m}_conv`)}`,
    ]),
  ]
  return sql.join(parts)
}

/** A timestamp's calendar day in a time zone, for the rate lookup. */
export const dayIn = (column: string, tz: string): RawBuilder<unknown> => sql`(${sql.ref(column)} AT TIME ZONE ${tz})::date`

/** Today in a time zone: the rate open deals are valued at. */
export const todayIn = (tz: string): RawBuilder<unknown> => sql`(now() AT TIME ZONE ${tz})::date`
