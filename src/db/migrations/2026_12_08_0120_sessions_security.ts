import { statementMigration } from '../migration-statements'

/**
 * Sign-in throttling counted in one row per key (an account, an address, or both), so an attempt is
 * counted by a single upsert and parallel guesses cannot slip past the limit; addresses an account
 * signed in from before, so an attacker elsewhere cannot lock its owner out; session idle and
 * absolute timeouts (last use, and a public id the session list can name without the cookie's hash);
 * API token scopes, where tokens made before scopes keep the full access of their user.
 */
const upStatements = [
  `CREATE TABLE login_throttle (
     key text PRIMARY KEY,
     failures integer NOT NULL,
     last_at timestamptz(3) NOT NULL DEFAULT now(),
     blocked_until timestamptz(3)
   )`,
  `CREATE TABLE login_known_addresses (
     email text NOT NULL,
     ip text NOT NULL,
     last_success_at timestamptz(3) NOT NULL DEFAULT now(),
     PRIMARY KEY (email, ip)
   )`,
  `ALTER TABLE sessions ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()`,
  `ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz(3) NOT NULL DEFAULT now()`,
  `CREATE UNIQUE INDEX sessions_ref_idx ON sessions (ref)`,
  `ALTER TABLE api_tokens ADD COLUMN scopes text[] NOT NULL DEFAULT '{*:write}'`,
]

const downStatements = [
  `ALTER TABLE api_tokens DROP COLUMN scopes`,
  `DROP INDEX sessions_ref_idx`,
  `ALTER TABLE sessions DROP COLUMN last_seen_at`,
  `ALTER TABLE sessions DROP COLUMN ref`,
  `DROP TABLE login_known_addresses`,
  `DROP TABLE login_throttle`,
]

export const { up, down } = statementMigration(upStatements, downStatements)
