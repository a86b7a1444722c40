import { statementMigration } from '../migration-statements'

/**
 * Crash recovery in seconds instead of pg-boss's expiry (up to an hour): every process that works
 * the queue beats in kith_processes, every running job names its process in job_owners, and any
 * process requeues the jobs of one that stopped beating. The epochs fence the runs: a run takes a
 * new one when it starts, and a write that does not carry the current one changes nothing, so a
 * run taken for dead that wakes up again cannot write the rows its successor writes.
 */
const upStatements = [
  `CREATE TABLE kith_processes (
    id uuid PRIMARY KEY,
    host text NOT NULL,
    pid integer NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now()
  )`,
  // No key to kith_processes: a job whose process row is gone is exactly one to recover.
  `CREATE TABLE job_owners (
    job_id uuid PRIMARY KEY,
    queue text NOT NULL,
    process_id uuid,
    recoveries integer NOT NULL DEFAULT 0,
    started_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX job_owners_process_idx ON job_owners (process_id)`,
  `ALTER TABLE imports ADD COLUMN run_epoch integer NOT NULL DEFAULT 0`,
  `ALTER TABLE campaigns ADD COLUMN send_epoch integer NOT NULL DEFAULT 0`,
]

const downStatements = [
  'ALTER TABLE campaigns DROP COLUMN send_epoch',
  'ALTER TABLE imports DROP COLUMN run_epoch',
  'DROP TABLE job_owners',
  'DROP TABLE kith_processes',
]

export const { up, down } = statementMigration(upStatements, downStatements)
