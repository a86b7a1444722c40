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
  searchText: Generated<string>
}
