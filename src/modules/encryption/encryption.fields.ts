/**
 * What an admin may choose to encrypt. `column` names the stored column; `parts` (for a JSON
 * address) the keys sealed inside it, so city, region and country stay usable by segments and
 * reports while the street and postal code that identify a person do not leave the server in
 * the clear. `loses` says what the field no longer offers once encrypted (shown in the UI).
 */
export interface FieldDef {
  table: string
  column: string
  /** The row's key column, when it is not `id`. */
  key?: string
  /** A stored credential: sealed whenever a master key is set, not an admin's choice. */
  always?: boolean
  parts?: readonly string[]
  /**
   * Kept searchable by exact value through a keyed blind index (columns `email_bidx`, or
   * `phone_bidx` and `phone_tails`), filled while the field is chosen and cleared when it is not.
   */
  blind?: 'email' | 'phone'
  /**
   * What search loses: `substring` — only the exact value is found (no fragments, no typos);
   * `search` — the sealed parts are not searched or filtered at all.
   */
  loses: 'none' | 'substring' | 'search'
}

const CATALOG = {
  'tickets.description': { table: 'tickets', column: 'description', loses: 'none' },
  'tickets.expectedResolution': { table: 'tickets', column: 'expected_resolution', loses: 'none' },
  'tickets.resolution': { table: 'tickets', column: 'resolution', loses: 'none' },
  'ticketComments.body': { table: 'ticket_comments', column: 'body', loses: 'none' },
  'customers.email': { table: 'customers', column: 'email', blind: 'email', loses: 'substring' },
  'customers.phone': { table: 'customers', column: 'phone', blind: 'phone', loses: 'substring' },
  'customers.address': { table: 'customers', column: 'address', parts: ['street', 'postalCode'], loses: 'search' },
  'contacts.email': { table: 'contacts', column: 'email', blind: 'email', loses: 'substring' },
  'contacts.phone': { table: 'contacts', column: 'phone', blind: 'phone', loses: 'substring' },
  'userTwoFactor.secret': { table: 'user_two_factor', column: 'secret', key: 'user_id', always: true, loses: 'none' },
} as const satisfies Record<string, FieldDef>

export type EncryptableField = keyof typeof CATALOG
export const ENCRYPTABLE: Record<EncryptableField, FieldDef> = CATALOG
export const ENCRYPTABLE_FIELDS = Object.keys(ENCRYPTABLE) as EncryptableField[]

/** The entity's property a field is kept in (camelCase, as services see rows). */
export const propertyOf = (f: EncryptableField) => f.slice(f.indexOf('.') + 1)
export const entityOf = (f: EncryptableField) => f.slice(0, f.indexOf('.'))
