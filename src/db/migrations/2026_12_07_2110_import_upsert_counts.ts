import { statementMigration } from '../migration-statements'

/**
 * An upsert tells apart the rows that change their match, the rows whose match already holds
 * their values (unchanged, counted as skipped until now) and repeats merged into an earlier row.
 */
const upStatements = [
  `ALTER TABLE imports ADD COLUMN unchanged_count integer NOT NULL DEFAULT 0, ADD COLUMN merged_count integer NOT NULL DEFAULT 0`,
]

const downStatements = [`ALTER TABLE imports DROP COLUMN unchanged_count, DROP COLUMN merged_count`]

export const { up, down } = statementMigration(upStatements, downStatements)
