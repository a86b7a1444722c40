import type { Generated, JSONColumnType } from 'kysely'
import type { SegmentFilter } from './mailing-lists.filter'

export type MemberKind = 'customer' | 'contact' | 'lead'

export interface MailingListsTable {
  id: string
  name: string
  kind: 'static' | 'dynamic'
  filter: JSONColumnType<SegmentFilter | null, string | null, string | null>
  description: string | null
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
  createdBy: string | null
  version: Generated<number>
  deletedAt: Date | null
}

export interface MailingListMembersTable {
  listId: string
  entityId: string
  kind: MemberKind
  createdAt: Generated<Date>
  createdBy: string | null
}
