import { statementMigration } from '../migration-statements'

/**
 * A privacy erasure removes the person's address from the suppression list but must still keep
 * campaigns from mailing it again (a re-import, a web form): it leaves the address's SHA-256 as
 * `sha256:<hex>` with the reason `erased`, which the audience and send loop match against.
 */
const upStatements = [
  `ALTER TABLE suppressions DROP CONSTRAINT suppressions_reason_check`,
  `ALTER TABLE suppressions ADD CONSTRAINT suppressions_reason_check CHECK (reason IN ('unsubscribed','bounced','complained','manual','erased'))`,
]

// Down keeps the hashed rows as manual suppressions: downgrading must not let anyone be re-mailed.
const downStatements = [
  `UPDATE suppressions SET reason = 'manual' WHERE reason = 'erased'`,
  `ALTER TABLE suppressions DROP CONSTRAINT suppressions_reason_check`,
  `ALTER TABLE suppressions ADD CONSTRAINT suppressions_reason_check CHECK (reason IN ('unsubscribed','bounced','complained','manual'))`,
]

export const { up, down } = statementMigration(upStatements, downStatements)
