import { statementMigration } from '../migration-statements'

/**
 * Quotes and orders now change hands with their deal. Those of deals reassigned before this
 * release still carry the first owner: give them their deal's owner and team once. Down leaves
 * them (the old owners are not kept and were the bug).
 */
const align = (table: string) => `
  UPDATE ${table} t SET owner_id = o.owner_id, team_id = o.team_id, version = t.version + 1, updated_at = now()
    FROM opportunities o
   WHERE o.id = t.opportunity_id AND (t.owner_id IS DISTINCT FROM o.owner_id OR t.team_id IS DISTINCT FROM o.team_id)`

const upStatements = [align('quotes'), align('orders')]

export const { up, down } = statementMigration(upStatements, [])
