import { statementMigration } from '../migration-statements'

/**
 * The hourly sweep of abandoned import wizard attempts (analysed, never started) finds the old
 * ones by this index instead of reading the whole import history.
 */
export const { up, down } = statementMigration(
  [`CREATE INDEX imports_draft_idx ON imports (updated_at) WHERE status IN ('analyzing', 'ready')`],
  ['DROP INDEX imports_draft_idx'],
)
