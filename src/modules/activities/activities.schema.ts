import { z } from 'zod'
import { id, listQueryBase, optionalText, recordMeta, requiredText, timestamp, version } from '../../lib/schema'

export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'note', 'task'] as const

export const activitySchema = z
  .object({
    ...recordMeta,
    type: z.enum(ACTIVITY_TYPES),
    subject: z.string(),
    body: z.string().nullable(),
    dueAt: timestamp.nullable(),
    completedAt: timestamp.nullable(),
    customerId: id.nullable(),
    contactId: id.nullable(),
    leadId: id.nullable(),
    opportunityId: id.nullable(),
    ticketId: id.nullable(),
    ownerId: id.nullable(),
    ownerName: z.string().nullable(),
    teamId: id.nullable(),
    deletedAt: timestamp.nullable(),
  })
  .meta({ id: 'Activity' })
export type Activity = z.infer<typeof activitySchema>

const links = {
  customerId: id.nullable().optional(),
  contactId: id.nullable().optional(),
  leadId: id.nullable().optional(),
  opportunityId: id.nullable().optional(),
  ticketId: id.nullable().optional(),
}

export const activityCreateSchema = z
  .strictObject({
    type: z.enum(ACTIVITY_TYPES),
    subject: requiredText(300),
    body: optionalText(20000),
    dueAt: timestamp.nullable().optional(),
    completedAt: timestamp.nullable().optional(),
    ownerId: id.optional(),
    ...links,
  })
  .meta({ id: 'ActivityCreate' })
export type ActivityCreate = z.infer<typeof activityCreateSchema>

export const activityUpdateSchema = z
  .strictObject({
    version,
    type: z.enum(ACTIVITY_TYPES).optional(),
    subject: requiredText(300).optional(),
    body: optionalText(20000),
    dueAt: timestamp.nullable().optional(),
    completedAt: timestamp.nullable().optional(),
    ownerId: id.optional(),
    ...links,
  })
  .meta({ id: 'ActivityUpdate' })
export type ActivityUpdate = z.infer<typeof activityUpdateSchema>

export const activityListQuerySchema = z.strictObject({
  ...listQueryBase,
  sort: z.string().max(30).optional().describe('createdAt, dueAt; - for descending. Default -createdAt'),
  type: z.enum(ACTIVITY_TYPES).optional(),
  ownerId: id.optional(),
  mine: z.stringbool().optional().describe('only the caller\'s own'),
  due: z.enum(['today', 'overdue', 'upcoming', 'none']).optional().describe('open tasks by due date, in the caller\'s time zone (tz); none = open tasks without a due date (newest first)'),
  tz: z.string().max(60).optional().describe('IANA time zone for `due`, e.g. Asia/Shanghai; default your own zone (profile), else the company\'s'),
  open: z.stringbool().optional().describe('true: not completed'),
  customerId: id.optional(),
  contactId: id.optional(),
  leadId: id.optional(),
  opportunityId: id.optional(),
  ticketId: id.optional(),
})
export type ActivityListQuery = z.infer<typeof activityListQuerySchema>

/** One entry of a customer's timeline: an activity, or an event of another module, newest first. */
export const timelineItemSchema = z
  .object({
    kind: z.enum(['activity', 'stage_change', 'opportunity_created', 'lead_converted', 'ticket']),
    id: z.string().describe('unique within the timeline'),
    at: timestamp,
    actorId: id.nullable(),
    actorName: z.string().nullable(),
    title: z.string(),
    detail: z.string().nullable(),
    activity: activitySchema.nullable(),
    opportunityId: id.nullable(),
  })
  .meta({ id: 'TimelineItem' })
export type TimelineItem = z.infer<typeof timelineItemSchema>
