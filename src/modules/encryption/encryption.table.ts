import type { Generated } from 'kysely'

/** Data keys, each wrapped (encrypted) by the master key; never deleted, so old backups and audit rows still open. */
export interface EncryptionKeysTable {
  id: string
  /** The data key sealed by the master key (field-cipher envelope). */
  wrappedKey: string
  /** Which master key wrapped it, so a start with another key is refused before anything is written. */
  masterFingerprint: string
  /** The one key new values are sealed with. */
  active: boolean
  createdAt: Generated<Date>
}
