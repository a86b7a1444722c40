import { sql } from 'kysely'
import Big from 'big.js'
import { col, foldMoney, fxConverted, fxJoin, fxSpec, ownedBy, sumMoney, unrestricted, type FxRow, type ReportDefinition, type ReportOutput } from '../report'
import { label } from '../reports.labels'

type Segment = 'champions' | 'loyal' | 'new' | 'potential' | 'at_risk' | 'hibernating' | 'attention'

/** The segment a recency and a frequency score name. */
function segmentOf(r: number, fs: number): Segment {
  if (r >= 4 && fs >= 4) return 'champions'
  if (r >= 3 && fs >= 4) return 'loyal'
  if (r >= 4 && fs === 1) return 'new'
  if (r >= 4) return 'potential'
  if (r <= 2 && fs >= 3) return 'at_risk'
  if (r <= 2) return 'hibernating'
  return 'attention'
}

/**
 * RFM from the orders placed in the range (not cancelled, in the report currency): recency = days
 * from the last order to the end of the range, frequency = orders, monetary = their total. Each is
 * scored 1–5 by the quintile it falls in among the customers who ordered (equal values score
 * alike), and the scores name a segment. Default:
 * one row per segment; groupBy=customer lists customers (the biggest first, or one with customerId).
 */
export const rfm: ReportDefinition = {
  name: 'rfm',
  async run(input): Promise<ReportOutput> {
    const { db, lang, params } = input
    // Orders of live customers: for an unrestricted caller "not one of the few deleted" (an anti
    // join), for others "one of the customers he may see" (his owner/team index range).
    const liveCustomer = unrestricted(input)
      ? sql`NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id AND c.deleted_at IS NOT NULL)`
      : sql`o.customer_id IN (SELECT c.id FROM customers c WHERE c.deleted_at IS NULL AND ${ownedBy(input, 'c')})`
    const placed = sql`o.deleted_at IS NULL AND o.status <> 'cancelled'
           AND o.ordered_at >= (${params.from}::date)::timestamp AT TIME ZONE ${params.tz}
           AND o.ordered_at < ((${params.to}::date + 1))::timestamp AT TIME ZONE ${params.tz}
           AND ${liveCustomer}`
    // Each order valued at the rate of its order day; an order in a currency without a rate that day is left out (a note says how many).
    const fx = fxSpec(input, 'o.currency', 'ordered', 'o.ordered_at')
    const convertible = sql`(o.currency = ${fx.target}::bpchar OR fx.rate IS NOT NULL)`
    const otherCurrency = async () => {
      const { rows } = await sql<FxRow & { n: number }>`
        SELECT (count(*) FILTER (WHERE NOT ${convertible}))::int AS n, NULL AS fx_cur, 0 AS fx_missing, min(fx.effective_date)::text AS fx_from, max(fx.effective_date)::text AS fx_to
          FROM orders o ${fxJoin(fx)} WHERE ${placed}`.execute(db)
      foldMoney(input, rows, () => '', [])
      return { n: rows[0]?.n ?? 0, counted: false }
    }
    const byCustomer = params.groupBy === 'customer'
    // Scores by the quintile cut points of each measure (ties score alike): one more than the
    // number of cut points a value exceeds, as a binary search (width_bucket counts the cut points
    // at or below a value, so it is given the value less one unit: a microsecond, an order). The
    // monetary score is shown only per customer.
    const scored = sql`
      WITH per AS (
        SELECT o.customer_id, max(o.ordered_at) AS last_at, count(*)::int AS f, sum(${fxConverted(fx, sql`o.total`)}) AS m
          FROM orders o ${fxJoin(fx)}
         WHERE ${placed} AND ${convertible}
         GROUP BY o.customer_id),
      cuts AS (
        SELECT percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]::float8[]) WITHIN GROUP (ORDER BY last_at) AS rc,
               percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]::float8[]) WITHIN GROUP (ORDER BY f) AS fc
               ${byCustomer ? sql`, percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]::float8[]) WITHIN GROUP (ORDER BY m) AS mc` : sql``}
          FROM per)
      SELECT per.*, floor(date_part('epoch', ((${params.to}::date + 1))::timestamp AT TIME ZONE ${params.tz} - last_at) / 86400)::int AS r_days,
             1 + width_bucket(last_at - interval '1 microsecond', rc) AS r, 1 + width_bucket(f - 1, fc) AS fs
             ${byCustomer ? sql`, 1 + (m > mc[1])::int + (m > mc[2])::int + (m > mc[3])::int + (m > mc[4])::int AS ms` : sql``}
        FROM per, cuts`
    if (byCustomer) {
      const { rows } = await sql<{ customerId: string; name: string; rDays: number; f: number; m: string; r: number; fs: number; ms: number }>`
        WITH x AS (${scored})
        SELECT x.customer_id, c.name, x.r_days, x.f, x.m::text AS m, x.r, x.fs, x.ms
          FROM x JOIN customers c ON c.id = x.customer_id
         ${params.customerId ? sql`WHERE x.customer_id = ${params.customerId}::uuid` : sql``}
         ORDER BY x.m DESC, x.customer_id LIMIT 200`.execute(db)
      return {
        columns: [col(lang, 'customer', 'text'), col(lang, 'segment', 'text'), col(lang, 'recency', 'number'), col(lang, 'frequency', 'number'), col(lang, 'monetary', 'money'), { key: 'score', label: 'R-F-M', type: 'text' }],
        rows: rows.map((r) => ({ customerId: r.customerId, customer: r.name, segment: label(lang, `segment.${segmentOf(r.r, r.fs)}`), segmentKey: segmentOf(r.r, r.fs), recency: r.rDays, frequency: r.f, monetary: r.m, score: `${r.r}-${r.fs}-${r.ms}` })),
        totals: {},
        otherCurrency: await otherCurrency(),
      }
    }
    // Per score pair, not per segment: a CASE over the scores on each of 100,000 customers cost more
    // than the aggregation; 25 pairs are named here.
    const { rows: pairs } = await sql<{ r: number; fs: number; n: number; rDays: string; f: string; m: string }>`
      WITH x AS (${scored})
      SELECT r, fs, count(*)::int AS n, sum(r_days)::text AS r_days, sum(f)::text AS f, sum(m)::text AS m
        FROM x GROUP BY r, fs`.execute(db)
    const bySegment = new Map<Segment, { n: number; rDays: Big; f: Big; m: Big }>()
    for (const p of pairs) {
      const key = segmentOf(p.r, p.fs)
      const acc = bySegment.get(key) ?? { n: 0, rDays: new Big(0), f: new Big(0), m: new Big(0) }
      bySegment.set(key, { n: acc.n + p.n, rDays: acc.rDays.plus(p.rDays), f: acc.f.plus(p.f), m: acc.m.plus(p.m) })
    }
    const rows = [...bySegment].sort(([, a], [, b]) => b.m.cmp(a.m))
    return {
      columns: [col(lang, 'segment', 'text'), col(lang, 'customers', 'number'), col(lang, 'recency', 'number'), col(lang, 'frequency', 'number'), col(lang, 'monetary', 'money')],
      rows: rows.map(([key, r]) => ({ segment: label(lang, `segment.${key}`), segmentKey: key, customers: r.n, recency: Number(r.rDays.div(r.n).toFixed(1)), frequency: Number(r.f.div(r.n).toFixed(2)), monetary: r.m.toFixed(2) })),
      totals: { customers: rows.reduce((s, [, r]) => s + r.n, 0), monetary: sumMoney(rows.map(([, r]) => r.m.toFixed(2))) },
      otherCurrency: await otherCurrency(),
    }
  },
}
