import { sql, type Kysely } from 'kysely'

/**
 * Imported rows can carry warnings (a phone left out, its text kept) in import_rows.errors. The
 * status reply lists the first of them on every poll: an index over just those rows keeps that
 * a short read even when a million rows were created without any.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX import_rows_warnings_idx ON import_rows (import_id, row_number) WHERE errors IS NOT NULL AND outcome <> 'invalid'`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX import_rows_warnings_idx`.execute(db)
}
