import { sql, type RawBuilder } from 'kysely'
import type { ReportInput } from '../report'
import { createdDrill } from '../drill'

/** Tickets are worked by support and read by all who run these reports; ownerId means the assignee. */
export function ticketFilter(input: ReportInput, alias = 't'): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [sql<boolean>`${sql.ref(`${alias}.deleted_at`)} IS NULL`]
  if (input.params.ownerId) parts.push(sql<boolean>`${sql.ref(`${alias}.assignee_id`)} = ${input.params.ownerId}::uuid`)
  if (input.params.teamId) parts.push(sql<boolean>`${sql.ref(`${alias}.assignee_id`)} IN (SELECT id FROM users WHERE team_id = ${input.params.teamId}::uuid)`)
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`
}

/** The tickets behind a row: created in the period (or month), the assignee filters as the list names them, and the row's own. */
export function ticketDrill(input: ReportInput, filters: Record<string, string>, month?: string) {
  const { ownerId, teamId } = input.params
  return createdDrill(input, 'tickets', { ...filters, ...(ownerId ? { assigneeId: ownerId } : {}), ...(teamId ? { assigneeTeamId: teamId } : {}) }, month)
}

export const hours = (v: string | number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10)
