import { sql } from 'kysely'
import { col, ownedBy, type ReportDefinition } from '../report'
import { label } from '../reports.labels'

const LIMIT = 200
const COUNT_BOUND = 1_000

/** A count up to COUNT_BOUND, then "1,000+". */
const bounded = (n: number) => (n > COUNT_BOUND ? `${COUNT_BOUND.toLocaleString('en-US')}+` : n)

/**
 * Customers without a touch for `days` days (an activity, an order, a ticket, a deal won or lost, an
 * e-mail sent: migration 2026_12_07_0100), or without any touch ever, who are silent since they
 * were created. The longest silent first (the never touched, oldest first, then the oldest touch),
 * the first 200, from the last touches the triggers keep current.
 */
export const atRisk: ReportDefinition = {
  name: 'at-risk',
  async run(input) {
    const { db, lang, params } = input
    const cutoff = sql`now() - make_interval(days => ${params.days})`
    const from = sql`customer_touches t JOIN customers c ON c.id = t.customer_id`
    const live = sql`c.deleted_at IS NULL AND c.merged_into IS NULL AND ${ownedBy(input, 'c')}`
    const silent = sql`(t.last_at IS NULL OR t.last_at < ${cutoff})`
    // Counted up to a bound: past it the exact number says nothing more to whoever reads the list,
    // and for a rep (a tenth of the customers) each one counted costs ten probes of other people's.
    const count = (where: ReturnType<typeof sql>) =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} WHERE ${where} AND ${live} LIMIT ${COUNT_BOUND + 1}) x`.execute(db)
    const [list, all, never] = await Promise.all([
      sql<{ id: string; name: string; status: string; owner: string | null; lastTouch: Date | null; daysSilent: number }>`
        SELECT c.id, c.name, c.status, u.name AS owner, t.last_at AS last_touch,
               floor(extract(epoch FROM now() - coalesce(t.last_at, c.created_at)) / 86400)::int AS days_silent
          FROM ${from} LEFT JOIN users u ON u.id = c.owner_id
         WHERE ${silent} AND ${live}
         ORDER BY t.last_at NULLS FIRST, t.customer_id
         LIMIT ${LIMIT}`.execute(db),
      count(silent),
      count(sql`t.last_at IS NULL`),
    ])
    const n = all.rows[0]?.n ?? 0
    return {
      columns: [col(lang, 'customer', 'text'), col(lang, 'status', 'text'), col(lang, 'owner', 'text'), col(lang, 'lastTouch', 'date'), col(lang, 'daysSilent', 'number')],
      rows: list.rows.map((r) => ({
        customerId: r.id, customer: r.name, status: r.status, owner: r.owner, lastTouch: r.lastTouch && new Date(r.lastTouch).toISOString(), daysSilent: r.daysSilent,
      })),
      totals: {},
      notes: [label(lang, 'note.atRisk', { n: bounded(n), never: bounded(never.rows[0]?.n ?? 0), days: params.days, shown: Math.min(LIMIT, n) })],
    }
  },
}
