import { sql } from 'kysely'
import { col, ownedBy, type ReportDefinition } from '../report'
import { label } from '../reports.labels'

const LIMIT = 200
const COUNT_BOUND = 1_000

/**
 * Customers without an activity or an order for `days` days (the longest silent first, the first
 * 200), from the last touches the triggers of migration 1900 keep current.
 */
export const atRisk: ReportDefinition = {
  name: 'at-risk',
  async run(input) {
    const { db, lang, params } = input
    const cutoff = sql`now() - make_interval(days => ${params.days})`
    const from = sql`customer_touches t JOIN customers c ON c.id = t.customer_id`
    const where = sql`t.last_at < ${cutoff} AND c.deleted_at IS NULL AND c.merged_into IS NULL AND ${ownedBy(input, 'c')}`
    const [list, count] = await Promise.all([
      sql<{ id: string; name: string; status: string; owner: string | null; lastTouch: Date; daysSilent: number }>`
        SELECT c.id, c.name, c.status, u.name AS owner, t.last_at AS last_touch,
               floor(extract(epoch FROM now() - t.last_at) / 86400)::int AS days_silent
          FROM ${from} LEFT JOIN users u ON u.id = c.owner_id
         WHERE ${where}
         ORDER BY t.last_at, t.customer_id
         LIMIT ${LIMIT}`.execute(db),
      // Counted up to a bound: past it the exact number says nothing more to whoever reads the list,
      // and for a rep (a tenth of the customers) each one counted costs ten probes of other people's.
      sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${COUNT_BOUND + 1}) x`.execute(db),
    ])
    return {
      columns: [col(lang, 'customer', 'text'), col(lang, 'status', 'text'), col(lang, 'owner', 'text'), col(lang, 'lastTouch', 'date'), col(lang, 'daysSilent', 'number')],
      rows: list.rows.map((r) => ({
        customerId: r.id, customer: r.name, status: r.status, owner: r.owner, lastTouch: new Date(r.lastTouch).toISOString(), daysSilent: r.daysSilent,
      })),
      totals: {},
      notes: [label(lang, 'note.atRisk', { n: (count.rows[0]?.n ?? 0) > COUNT_BOUND ? `${COUNT_BOUND.toLocaleString('en-US')}+` : (count.rows[0]?.n ?? 0), days: params.days, shown: Math.min(LIMIT, count.rows[0]?.n ?? 0) })],
    }
  },
}
