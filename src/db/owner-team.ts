import { sql } from 'kysely'
import type { Executor } from './database'

/** The tables whose rows carry their owner's team (team_id beside owner_id) for team-wide access. */
export type TeamOwnedTable = 'customers' | 'leads' | 'opportunities' | 'activities' | 'quotes' | 'orders'

/**
 * A module whose records follow their owner's team: when a user moves to another team, what he
 * owns moves with him, or the old team keeps reading it and the new one cannot (users.service.ts).
 */
export interface TeamFollower {
  /** The audit log's name for the records. */
  entity: string
  /** Moves the user's records into `teamId`; returns each moved record and the team it left. */
  move(trx: Executor, ownerId: string, teamId: string | null): Promise<{ id: string; before: string | null }[]>
}

/** One statement per table, each moved row's version bumped (an edit open on it gets a 409, not a silent overwrite). */
export async function moveOwnedToTeam(db: Executor, table: TeamOwnedTable, ownerId: string, teamId: string | null) {
  const { rows } = await sql<{ id: string; before: string | null }>`
    UPDATE ${sql.table(table)} t SET team_id = ${teamId}::uuid, version = t.version + 1, updated_at = now()
      FROM (SELECT id, team_id FROM ${sql.table(table)} WHERE owner_id = ${ownerId}::uuid AND team_id IS DISTINCT FROM ${teamId}::uuid FOR UPDATE) old
     WHERE t.id = old.id
    RETURNING t.id, old.team_id AS before`.execute(db)
  return rows
}
