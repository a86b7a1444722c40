import { statementMigration } from '../migration-statements'

/**
 * "My tasks" lists open tasks without a due date too (newest first, keyset-paged): a partial index
 * of exactly those rows per owner, so the list costs what the dated ones do.
 */
const upStatements = [
  `CREATE INDEX activities_my_tasks_undated_idx ON activities (owner_id, created_at DESC, id DESC)
     WHERE type = 'task' AND completed_at IS NULL AND due_at IS NULL AND deleted_at IS NULL`,
]

export const { up, down } = statementMigration(upStatements, ['DROP INDEX IF EXISTS activities_my_tasks_undated_idx'])
