import { sql, type RawBuilder } from 'kysely'
import type { Executor } from '../../db/database'
import type { ReportName } from './reports.schema'

type Source = { table: string; column: string; kind: 'timestamp' | 'date' }
const at = (table: string, column: string): Source => ({ table, column, kind: 'timestamp' })
const on = (table: string, column: string): Source => ({ table, column, kind: 'date' })

/**
 * The dates each report's period is about (what its "in the range" filters on). Every one is the
 * leading column of an index over the live rows, so its min and max are two index probes however
 * many rows there are. at-risk has no period (its measure is days of silence).
 */
const SOURCES: Record<ReportName, Source[]> = {
  'sales-funnel': [at('opportunities', 'created_at')],
  pipeline: [on('opportunities', 'expected_close_date')],
  forecast: [on('opportunities', 'expected_close_date'), at('opportunities', 'closed_at')],
  'win-rate': [at('opportunities', 'closed_at')],
  revenue: [at('opportunities', 'closed_at')],
  'sales-cycle': [at('opportunities', 'closed_at')],
  'lead-conversion': [at('leads', 'created_at')],
  'lost-reasons': [at('opportunities', 'closed_at')],
  'customer-growth': [at('customers', 'created_at')],
  rfm: [at('orders', 'ordered_at')],
  'at-risk': [],
  // Resolved and rated after being opened, and before now: the period from the first opened to today holds them.
  tickets: [at('tickets', 'created_at')],
  sla: [at('tickets', 'created_at')],
  csat: [at('tickets', 'created_at')],
  campaigns: [on('campaigns', 'start_date'), at('campaigns', 'created_at')],
}

function bound(s: Source, fn: 'min' | 'max', tz: string): RawBuilder<string | null> {
  const c = sql.ref(s.column)
  const value = s.kind === 'date' ? sql`${sql.raw(fn)}(${c})` : sql`(${sql.raw(fn)}(${c}) AT TIME ZONE ${tz})::date`
  return sql`(SELECT ${value} FROM ${sql.table(s.table)} WHERE deleted_at IS NULL)`
}

/**
 * "All time" for a report: from the first day with a record it reads to the last, and at least
 * today (so the months up to now are listed), as days in the caller's time zone.
 */
export async function allTime(db: Executor, name: ReportName, tz: string): Promise<{ from: string; to: string }> {
  const today = sql`(now() AT TIME ZONE ${tz})::date`
  const { rows } = await sql<{ from: string; to: string }>`
    SELECT least(${sql.join([today, ...SOURCES[name].map((s) => bound(s, 'min', tz))])})::text AS from,
           greatest(${sql.join([today, ...SOURCES[name].map((s) => bound(s, 'max', tz))])})::text AS to`.execute(db)
  return rows[0]!
}
