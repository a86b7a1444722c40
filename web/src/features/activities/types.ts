import type { z } from 'zod'
import type {
  Activity,
  ActivityListQuery,
  TimelineItem,
  activityCreateSchema,
  activityUpdateSchema,
} from '@server/modules/activities/activities.schema'

export type { Activity, TimelineItem }
export type ActivityInput = z.input<typeof activityCreateSchema>
export type ActivityPatch = z.input<typeof activityUpdateSchema>
export type ActivityListParams = Partial<ActivityListQuery>
export type ActivityType = Activity['type']
export type TimelineKind = TimelineItem['kind']
export type DueBucket = NonNullable<ActivityListQuery['due']>

/** Colour per type; its keys are also the list of types (checked complete by the type). */
export const TYPE_COLORS = { call: '#0ea5e9', email: '#6366f1', meeting: '#f59e0b', note: '#64748b', task: '#10b981' } as const satisfies Record<ActivityType, string>
export const ACTIVITY_TYPES = Object.keys(TYPE_COLORS) as ActivityType[]
export const DUE_BUCKETS = ['today', 'overdue', 'upcoming', 'none'] as const satisfies readonly DueBucket[]

/** What an activity is about: the records it is logged on. */
export interface ActivityLinks {
  customerId?: string | null
  contactId?: string | null
  leadId?: string | null
  opportunityId?: string | null
}

export const activityKeys = {
  all: ['activities'] as const,
  lists: () => [...activityKeys.all, 'list'] as const,
  list: (params: ActivityListParams) => [...activityKeys.lists(), params] as const,
  feed: (params: ActivityListParams) => [...activityKeys.all, 'feed', params] as const,
  timelines: () => [...activityKeys.all, 'timeline'] as const,
  timeline: (customerId: string) => [...activityKeys.timelines(), customerId] as const,
}
