import { statementMigration } from '../migration-statements'

/**
 * TOTP second factor: one secret per user (unconfirmed until the first code proves the app has it),
 * the last accepted time step (a code's step is refused once a later or equal one was used), and a
 * failure window that throttles the second step per user, whatever address or challenge it comes from.
 * Recovery codes are stored as SHA-256 of 80 random bits each. A challenge is the short-lived state
 * between a right password and the second step: not a session, it reaches nothing else.
 */
export const { up, down } = statementMigration(
  [
    `CREATE TABLE user_two_factor (
       user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
       secret text NOT NULL,
       confirmed_at timestamptz(3),
       last_used_step bigint,
       failed_count integer NOT NULL DEFAULT 0,
       failed_since timestamptz(3),
       created_at timestamptz(3) NOT NULL DEFAULT now(),
       updated_at timestamptz(3) NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE user_recovery_codes (
       id uuid PRIMARY KEY,
       user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
       code_hash text NOT NULL,
       used_at timestamptz(3),
       created_at timestamptz(3) NOT NULL DEFAULT now()
     )`,
    `CREATE INDEX user_recovery_codes_user_idx ON user_recovery_codes (user_id, code_hash)`,
    `CREATE TABLE two_factor_challenges (
       id text PRIMARY KEY,
       user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
       purpose text NOT NULL CHECK (purpose IN ('verify','enrol')),
       attempts integer NOT NULL DEFAULT 0,
       expires_at timestamptz(3) NOT NULL,
       created_at timestamptz(3) NOT NULL DEFAULT now()
     )`,
    `CREATE INDEX two_factor_challenges_expires_idx ON two_factor_challenges (expires_at)`,
  ],
  [`DROP TABLE two_factor_challenges`, `DROP TABLE user_recovery_codes`, `DROP TABLE user_two_factor`],
)
