import { statementMigration } from '../migration-statements'

/** Field encryption: data keys wrapped by the master key (KITH_ENCRYPTION_KEY). */
const upStatements = [
  `CREATE TABLE encryption_keys (
     id text PRIMARY KEY,
     wrapped_key text NOT NULL,
     master_fingerprint text NOT NULL,
     active boolean NOT NULL DEFAULT false,
     created_at timestamptz(3) NOT NULL DEFAULT now()
   )`,
  // Two servers creating the first key at once: one wins, the other reads it.
  `CREATE UNIQUE INDEX encryption_keys_one_active ON encryption_keys (active) WHERE active`,
]

const downStatements = [`DROP TABLE encryption_keys`]

export const { up, down } = statementMigration(upStatements, downStatements)
