import { sql, type Kysely, type Migration } from 'kysely'

/** A migration that is a list of SQL statements each way, run in order (in the migrator's transaction). */
export function statementMigration(upStatements: string[], downStatements: string[]): Migration {
  const run = async (db: Kysely<unknown>, statements: string[]) => {
    for (const statement of statements) await sql.raw(statement).execute(db)
  }
  return { up: (db) => run(db, upStatements), down: (db) => run(db, downStatements) }
}
