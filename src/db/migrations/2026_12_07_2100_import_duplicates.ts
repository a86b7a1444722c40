import { statementMigration } from '../migration-statements'

/**
 * An import lists the rows it skipped as duplicates (row, key, the record they matched) beside
 * its invalid rows, so the user can check them: the journal takes a fourth outcome and the match.
 */
const upStatements = [
  `ALTER TABLE import_rows DROP CONSTRAINT import_rows_outcome_check`,
  `ALTER TABLE import_rows ADD CONSTRAINT import_rows_outcome_check CHECK (outcome IN ('created','updated','invalid','duplicate'))`,
  `ALTER TABLE import_rows ADD COLUMN match_key text, ADD COLUMN match_name text, ADD COLUMN matched_row integer`,
]

const downStatements = [
  `DELETE FROM import_rows WHERE outcome = 'duplicate'`,
  `ALTER TABLE import_rows DROP COLUMN match_key, DROP COLUMN match_name, DROP COLUMN matched_row`,
  `ALTER TABLE import_rows DROP CONSTRAINT import_rows_outcome_check`,
  `ALTER TABLE import_rows ADD CONSTRAINT import_rows_outcome_check CHECK (outcome IN ('created','updated','invalid'))`,
]

export const { up, down } = statementMigration(upStatements, downStatements)
