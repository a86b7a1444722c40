import { sql } from 'kysely'
import { foldMoney, fxColumns, fxJoin, fxSpec, Money, ownedBy, type FxRow, type ReportInput } from '../report'
import { label } from '../reports.labels'
import { whose } from '../drill'

export interface Undated {
  /** All of them, in any currency. */
  n: number
  /** Amount and weighted amount, valued at today's rates (per currency where one is missing). */
  money: { amount: Money; weighted: Money }
}

/** Open deals without an expected close date, which no period of close dates holds. */
export async function undatedOpen(input: ReportInput): Promise<Undated> {
  const fx = fxSpec(input, 'o.currency', 'today', undefined, 'fxu')
  const { rows } = await sql<FxRow & { n: number; amountNative: string; amountConv: string; weightedNative: string; weightedConv: string }>`
    SELECT count(*)::int AS n, ${fxColumns(fx, { amount: sql`o.amount`, weighted: sql`o.amount * o.probability / 100` })}
      FROM opportunities o JOIN pipeline_stages s ON s.key = o.stage AND s.kind = 'open'
      ${fxJoin(fx)}
     WHERE o.deleted_at IS NULL AND o.expected_close_date IS NULL AND ${ownedBy(input, 'o')}
     GROUP BY o.currency`.execute(input.db)
  const g = foldMoney(input, rows, () => '', ['amount', 'weighted'] as const).get('')
  return { n: rows.reduce((s, r) => s + r.n, 0), money: g?.money ?? { amount: new Money(input.fx.target), weighted: new Money(input.fx.target) } }
}

/**
 * The "no close date" row (marked `bucket: 'noCloseDate'`, its label in the first column
 * `labelKey`) and the note saying how many deals it holds; none when there are none.
 */
export function undatedRow(input: ReportInput, u: Undated, labelKey: string) {
  if (u.n === 0) return null
  const { lang } = input
  const filters: Record<string, string> = { status: 'open', noCloseDate: 'true', ...whose(input) }
  return {
    row: { [labelKey]: label(lang, 'noCloseDate'), bucket: 'noCloseDate', count: u.n, amount: u.money.amount.value, weighted: u.money.weighted.value, drill: { resource: 'opportunities' as const, filters } },
    note: label(lang, 'note.noCloseDate', { n: u.n }),
  }
}
