import type { Generated, JSONColumnType } from 'kysely'

export type ActivityType = 'call' | 'email' | 'meeting' | 'note' | 'task'

export interface ActivitiesTable {
  id: string
  type: ActivityType
  subject: string
  body: string | null
  dueAt: Date | null
  completedAt: Date | null
  customerId: string | null
  contactId: string | null
  leadId: string | null
  opportunityId: string | null
  /** Tickets arrive with the service module; no foreign key yet. */
  ticketId: string | null
  ownerId: string | null
  teamId: string | null
  meta: JSONColumnType<Record<string, unknown>, string | undefined, string>
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
  createdBy: string | null
  version: Generated<number>
  deletedAt: Date | null
}
