import type { z } from 'zod'
import type { AssignmentRule, SlaSettings, assignmentRuleInputSchema, slaSettingsUpdateSchema } from '@server/modules/tickets/tickets.settings.schema'

export type { AssignmentRule, SlaSettings }
export type SlaSettingsInput = z.input<typeof slaSettingsUpdateSchema>
export type AssignmentRuleInput = z.input<typeof assignmentRuleInputSchema>
export type Strategy = AssignmentRule['strategy']
export type SlaPriority = keyof SlaSettings['targets']

/** Most urgent first, as people read an SLA table. */
export const SLA_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const satisfies readonly SlaPriority[]
export const STRATEGIES = ['round_robin', 'least_loaded'] as const satisfies readonly Strategy[]
/** ISO weekdays, Monday first. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const

export const serviceSettingsKeys = {
  sla: ['ticket-sla'] as const,
  rules: ['ticket-assignment-rules'] as const,
}
