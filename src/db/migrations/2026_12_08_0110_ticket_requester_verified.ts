import { statementMigration } from '../migration-statements'

/**
 * The public form links a ticket to whichever customer owns the e-mail it was given, which anyone
 * can type: such a link stays unverified until the address owner follows the link mailed to it
 * (only the SHA-256 of that link's token is kept). Existing tickets were filed by staff: verified.
 */
const upStatements = [
  `ALTER TABLE tickets ADD COLUMN requester_verified boolean NOT NULL DEFAULT true, ADD COLUMN requester_token_hash text`,
  `CREATE UNIQUE INDEX tickets_requester_token_key ON tickets (requester_token_hash) WHERE requester_token_hash IS NOT NULL`,
]

const downStatements = [`DROP INDEX tickets_requester_token_key`, `ALTER TABLE tickets DROP COLUMN requester_token_hash, DROP COLUMN requester_verified`]

export const { up, down } = statementMigration(upStatements, downStatements)
