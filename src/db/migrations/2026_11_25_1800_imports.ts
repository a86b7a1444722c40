import { sql, type Kysely } from 'kysely'

/**
 * Import jobs (数据导入). The uploaded file lives in the database in 1 MiB chunks, so any server
 * of N can analyse it and any can work the job; import_rows is the journal a resumed job, the
 * errors.csv download and undo read.
 */
const upStatements = [
  `CREATE TABLE imports (
     id uuid PRIMARY KEY,
     entity text NOT NULL,
     status text NOT NULL DEFAULT 'analyzing'
       CHECK (status IN ('analyzing','ready','running','dry_run_done','completed','failed','undone')),
     phase text CHECK (phase IN ('validate','write')),
     file_name text NOT NULL,
     size bigint NOT NULL DEFAULT 0,
     format text NOT NULL CHECK (format IN ('csv','xlsx')),
     encoding text,
     delimiter text,
     sheet text,
     header_row integer NOT NULL DEFAULT 1,
     columns jsonb NOT NULL DEFAULT '[]',
     options jsonb,
     total_rows integer,
     processed_rows integer NOT NULL DEFAULT 0,
     committed_row integer NOT NULL DEFAULT 0,
     created_count integer NOT NULL DEFAULT 0,
     updated_count integer NOT NULL DEFAULT 0,
     skipped_count integer NOT NULL DEFAULT 0,
     invalid_count integer NOT NULL DEFAULT 0,
     error text,
     created_by uuid REFERENCES users(id),
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now(),
     finished_at timestamptz(3),
     undone_at timestamptz(3),
     version integer NOT NULL DEFAULT 1
   )`,
  `CREATE INDEX imports_created_idx ON imports (created_at DESC, id DESC)`,
  `CREATE INDEX imports_creator_idx ON imports (created_by, created_at DESC, id DESC)`,
  `CREATE TABLE import_chunks (
     import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
     seq integer NOT NULL,
     data bytea NOT NULL,
     PRIMARY KEY (import_id, seq)
   )`,
  `CREATE TABLE import_rows (
     import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
     row_number integer NOT NULL,
     outcome text NOT NULL CHECK (outcome IN ('created','updated','invalid')),
     entity text,
     entity_id uuid,
     before jsonb,
     after_version integer,
     cells jsonb,
     errors jsonb,
     PRIMARY KEY (import_id, row_number)
   )`,
  `CREATE INDEX import_rows_outcome_idx ON import_rows (import_id, outcome, row_number)`,
]

const downStatements = ['DROP TABLE import_rows', 'DROP TABLE import_chunks', 'DROP TABLE imports']

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of downStatements) await sql.raw(statement).execute(db)
}
