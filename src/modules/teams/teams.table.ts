import type { Generated } from 'kysely'

export interface TeamsTable {
  id: string
  name: string
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
  createdBy: string | null
  version: Generated<number>
  deletedAt: Date | null
}
