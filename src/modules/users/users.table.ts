import type { Generated } from 'kysely'
import type { Role } from '../../server/context'

export interface UsersTable {
  id: string
  email: string
  name: Generated<string>
  role: Role
  teamId: string | null
  active: Generated<boolean>
  locale: 'zh-CN' | 'en' | null
  /** IANA; null: the company's. */
  timeZone: string | null
  passwordHash: string
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
  createdBy: string | null
  version: Generated<number>
  deletedAt: Date | null
}
