import { sql } from 'kysely'
import { ownedBy, type ReportInput } from '../report'
import { label } from '../reports.labels'
import { whose } from '../drill'

export interface Undated {
  /** All of them, in any currency (as the pipeline counts). */
  n: number
  /** Those in the report currency, whose amounts are summed. */
  nInCurrency: number
  amount: string
  weighted: string
}

/** Open deals without an expected close date, which no period of close dates holds. */
export async function undatedOpen(input: ReportInput): Promise<Undated> {
  const { params } = input
  const { rows } = await sql<Undated>`
    SELECT count(*)::int AS n, (count(*) FILTER (WHERE o.currency = ${params.currency}))::int AS n_in_currency,
           coalesce(sum(o.amount) FILTER (WHERE o.currency = ${params.currency}), 0)::text AS amount,
           round(coalesce(sum(o.amount * o.probability / 100) FILTER (WHERE o.currency = ${params.currency}), 0), 2)::text AS weighted
      FROM opportunities o JOIN pipeline_stages s ON s.key = o.stage AND s.kind = 'open'
     WHERE o.deleted_at IS NULL AND o.expected_close_date IS NULL AND ${ownedBy(input, 'o')}`.execute(input.db)
  return rows[0]!
}

/**
 * The "no close date" row (marked `bucket: 'noCloseDate'`, its label in the first column
 * `labelKey`) and the note saying how many deals it holds; none when there are none. Only deals
 * in `currency` when the report is about one currency's money (the forecast).
 */
export function undatedRow(input: ReportInput, u: Undated, labelKey: string, { currency = false } = {}) {
  const n = currency ? u.nInCurrency : u.n
  if (n === 0) return null
  const { lang, params } = input
  const filters: Record<string, string> = { status: 'open', noCloseDate: 'true', ...(currency ? { currency: params.currency } : {}), ...whose(input) }
  return {
    row: { [labelKey]: label(lang, 'noCloseDate'), bucket: 'noCloseDate', count: n, amount: u.amount, weighted: u.weighted, drill: { resource: 'opportunities' as const, filters } },
    note: label(lang, 'note.noCloseDate', { n }),
  }
}
