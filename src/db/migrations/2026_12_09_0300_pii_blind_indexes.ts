import { statementMigration } from '../migration-statements'

/**
 * Customer and contact e-mail, phone and address may be encrypted (field encryption). Exact
 * search, imports' dedupe and suppression checks then go through keyed blind indexes: an HMAC of
 * the normalised e-mail, of the E.164 phone, and of the phone's last 4–8 digits (see
 * src/modules/encryption/blind.ts). The generated `search_text` leaves out a sealed value, so the
 * trigram index holds neither plaintext nor ciphertext noise.
 */
const searchText = (table: 'customers' | 'contacts', second: 'company' | 'title', clear: boolean) => {
  const email = clear ? `coalesce(email, '')` : `CASE WHEN email LIKE 'kenc:%' THEN '' ELSE coalesce(email, '') END`
  const phone = clear
    ? `coalesce(regexp_replace(phone, '[^0-9]', '', 'g'), '')`
    : `CASE WHEN phone LIKE 'kenc:%' THEN '' ELSE coalesce(regexp_replace(phone, '[^0-9]', '', 'g'), '') END`
  return [
    `ALTER TABLE ${table} DROP COLUMN search_text`,
    `ALTER TABLE ${table} ADD COLUMN search_text text GENERATED ALWAYS AS (
       lower(name || ' ' || coalesce(${second}, '') || ' ' || ${email} || ' ' || ${phone})
     ) STORED`,
    `CREATE INDEX ${table}_search_idx ON ${table} USING gin (search_text gin_trgm_ops)`,
  ]
}

const blindColumns = (table: string) => [
  `ALTER TABLE ${table} ADD COLUMN email_bidx text, ADD COLUMN phone_bidx text, ADD COLUMN phone_tails text[]`,
  `CREATE INDEX ${table}_email_bidx_idx ON ${table} (email_bidx) WHERE email_bidx IS NOT NULL`,
  `CREATE INDEX ${table}_phone_bidx_idx ON ${table} (phone_bidx) WHERE phone_bidx IS NOT NULL`,
  `CREATE INDEX ${table}_phone_tails_idx ON ${table} USING gin (phone_tails) WHERE phone_tails IS NOT NULL`,
]

const upStatements = [
  ...blindColumns('customers'),
  ...blindColumns('contacts'),
  ...searchText('customers', 'company', false),
  ...searchText('contacts', 'title', false),
]

const downStatements = [
  ...searchText('contacts', 'title', true),
  ...searchText('customers', 'company', true),
  `ALTER TABLE contacts DROP COLUMN email_bidx, DROP COLUMN phone_bidx, DROP COLUMN phone_tails`,
  `ALTER TABLE customers DROP COLUMN email_bidx, DROP COLUMN phone_bidx, DROP COLUMN phone_tails`,
]

export const { up, down } = statementMigration(upStatements, downStatements)
