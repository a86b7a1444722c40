import type { z } from 'zod'
import type {
  Duplicate,
  Lead,
  LeadListQuery,
  leadConversionSchema,
  leadConvertSchema,
  leadCreateSchema,
  leadRoutingSchema,
  leadUpdateSchema,
} from '@server/modules/leads/leads.schema'

export type { Duplicate, Lead }
export type LeadInput = z.input<typeof leadCreateSchema>
export type LeadPatch = z.input<typeof leadUpdateSchema>
export type LeadChanges = Omit<LeadPatch, 'version'>
export type LeadListParams = Partial<LeadListQuery>
export type LeadStatus = Lead['status']
export type LeadConvert = z.input<typeof leadConvertSchema>
export type LeadConversion = z.infer<typeof leadConversionSchema>
export type LeadRouting = z.infer<typeof leadRoutingSchema>
export type LeadSort = 'name' | 'createdAt' | 'updatedAt' | 'score'
/** Colour per status; its keys are also the list of statuses (checked complete by the type). */
export const LEAD_STATUS_COLORS = { new: 'blue', contacted: 'cyan', qualified: 'green', unqualified: 'default', converted: 'purple' } as const satisfies Record<LeadStatus, string>
export const LEAD_STATUSES = Object.keys(LEAD_STATUS_COLORS) as LeadStatus[]

/** The statuses a lead may move to next (the server refuses any other step). */
export const NEXT_STATUSES = {
  new: ['contacted', 'unqualified'],
  contacted: ['qualified', 'unqualified'],
  qualified: ['contacted', 'unqualified'],
  unqualified: ['contacted'],
  converted: [],
} as const satisfies Record<LeadStatus, readonly Exclude<LeadStatus, 'new' | 'converted'>[]>

export const leadKeys = {
  all: ['leads'] as const,
  lists: () => [...leadKeys.all, 'list'] as const,
  list: (params: LeadListParams) => [...leadKeys.lists(), params] as const,
  detail: (id: string) => [...leadKeys.all, 'detail', id] as const,
  routing: () => [...leadKeys.all, 'routing'] as const,
}
