import { iso } from '../../lib/schema'
import type * as repo from './activities.repository'
import type { Activity } from './activities.schema'

export const toActivity = (r: repo.ActivityListRow): Activity => ({
  id: r.id,
  type: r.type,
  subject: r.subject,
  body: r.body,
  dueAt: r.dueAt ? iso(r.dueAt) : null,
  completedAt: r.completedAt ? iso(r.completedAt) : null,
  customerId: r.customerId,
  contactId: r.contactId,
  leadId: r.leadId,
  opportunityId: r.opportunityId,
  ticketId: r.ticketId,
  ownerId: r.ownerId,
  ownerName: r.ownerName,
  teamId: r.teamId,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  createdBy: r.createdBy,
  version: r.version,
  deletedAt: r.deletedAt ? iso(r.deletedAt) : null,
})
