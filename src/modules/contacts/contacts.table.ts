import type { Generated } from 'kysely'

export interface ContactsTable {
  id: string
  customerId: string
  name: string
  title: string | null
  email: string | null
  phone: string | null
  isPrimary: Generated<boolean>
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
  createdBy: string | null
  version: Generated<number>
  deletedAt: Date | null
  /** Blind indexes of a sealed e-mail and phone (field encryption, src/modules/encryption/blind.ts); null when in the clear. */
  emailBidx: string | null
  phoneBidx: string | null
  phoneTails: string[] | null
  searchText: Generated<string>
}
