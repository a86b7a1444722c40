import { sql, type RawBuilder } from 'kysely'
import type { ReportInput } from '../report'

/** Tickets are worked by support and read by all who run these reports; ownerId means the assignee. */
export function ticketFilter(input: ReportInput, alias = 't'): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [sql<boolean>`${sql.ref(`${alias}.deleted_at`)} IS NULL`]
  if (input.params.ownerId) parts.push(sql<boolean>`${sql.ref(`${alias}.assignee_id`)} = ${input.params.ownerId}::uuid`)
  if (input.params.teamId) parts.push(sql<boolean>`${sql.ref(`${alias}.assignee_id`)} IN (SELECT id FROM users WHERE team_id = ${input.params.teamId}::uuid)`)
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`
}

export const hours = (v: string | number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10)
