import { statementMigration } from '../migration-statements'

/** The dry run says how many rows leave each mapped date field blank (a blank createdAt becomes the import day). */
const upStatements = [`ALTER TABLE imports ADD COLUMN blank_dates jsonb`]

const downStatements = [`ALTER TABLE imports DROP COLUMN blank_dates`]

export const { up, down } = statementMigration(upStatements, downStatements)
