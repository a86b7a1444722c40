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

/** The documents made from a deal, which carry the deal's owner and team for access. */
export type DealDocumentTable = 'quotes' | 'orders'

/**
 * Gives the quotes (or orders) of these deals their deal's current owner and team: they are read
 * and changed exactly as their deal is. Kept as columns (not a join to the deal at read time) so
 * the lists' owner/team indexes still serve the scope filter. Returns each moved row as it was.
 */
export async function alignWithDeals(db: Executor, table: DealDocumentTable, opportunityIds: string[]) {
  if (!opportunityIds.length) return []
  const { rows } = await sql<{ id: string; ownerBefore: string | null; teamBefore: string | null; ownerId: string | null; teamId: string | null }>`
    UPDATE ${sql.table(table)} t SET owner_id = o.owner_id, team_id = o.team_id, version = t.version + 1, updated_at = now()
      FROM (SELECT id, owner_id, team_id FROM ${sql.table(table)} WHERE opportunity_id IN (${sql.join(opportunityIds.map((id) => sql`${id}::uuid`))}) FOR UPDATE) old,
           opportunities o
     WHERE t.id = old.id AND o.id = t.opportunity_id
       AND (t.owner_id IS DISTINCT FROM o.owner_id OR t.team_id IS DISTINCT FROM o.team_id)
    RETURNING t.id, old.owner_id AS "ownerBefore", old.team_id AS "teamBefore", t.owner_id AS "ownerId", t.team_id AS "teamId"`.execute(db)
  return rows
}
