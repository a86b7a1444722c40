import { z } from 'zod'
import { id, requiredText } from '../../lib/schema'
import { isTimeZone } from './tickets.business-hours'
import { TICKET_PRIORITIES, TICKET_TYPES } from './tickets.schema'

const MAX_MINUTES = 366 * 24 * 60
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM, 00:00 to 24:00')

const target = z
  .strictObject({
    firstResponseMinutes: z.number().int().min(1).max(MAX_MINUTES),
    resolutionMinutes: z.number().int().min(1).max(MAX_MINUTES),
  })
  .superRefine((t, ctx) => {
    if (t.resolutionMinutes < t.firstResponseMinutes) {
      ctx.addIssue({ code: 'custom', path: ['resolutionMinutes'], message: 'Cannot be shorter than the first-response target' })
    }
  })

const interval = z
  .strictObject({ day: z.number().int().min(1).max(7).describe('1 = Monday … 7 = Sunday'), start: hhmm, end: hhmm })
  .superRefine((i, ctx) => {
    if (i.end <= i.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'Must be after start' })
  })

export const businessHoursSchema = z
  .strictObject({
    timeZone: z.string().max(64).refine(isTimeZone, 'Unknown time zone (use an IANA name such as Asia/Shanghai)'),
    schedule: z.array(interval).min(1).max(50),
    holidays: z.array(z.iso.date()).max(500).default([]).describe('Local dates without business hours'),
  })
  .superRefine((b, ctx) => {
    const sorted = b.schedule.map((i, index) => ({ ...i, index })).sort((x, y) => x.day - y.day || x.start.localeCompare(y.start))
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1]!
      const cur = sorted[k]!
      if (prev.day === cur.day && cur.start < prev.end) {
        ctx.addIssue({ code: 'custom', path: ['schedule', cur.index], message: 'Overlaps another interval of the same day' })
      }
    }
  })

const targets = z.strictObject({ low: target, normal: target, high: target, urgent: target })

export const slaSettingsSchema = z
  .object({
    targets: z.object({ low: target, normal: target, high: target, urgent: target }),
    businessHours: z
      .object({ timeZone: z.string(), schedule: z.array(z.object({ day: z.number(), start: z.string(), end: z.string() })), holidays: z.array(z.string()) })
      .nullable()
      .describe('null: the SLA clock runs around the clock'),
    soonMinutes: z.number().int().describe('A deadline this close counts as "breaching soon"'),
  })
  .meta({ id: 'TicketSlaSettings' })
export type SlaSettings = z.infer<typeof slaSettingsSchema>

export const slaSettingsUpdateSchema = z
  .strictObject({
    targets,
    businessHours: businessHoursSchema.nullable(),
    soonMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
  })
  .meta({ id: 'TicketSlaSettingsUpdate' })
export type SlaSettingsUpdate = z.infer<typeof slaSettingsUpdateSchema>

export const ASSIGNMENT_STRATEGIES = ['round_robin', 'least_loaded'] as const

export const assignmentRuleSchema = z
  .object({
    id,
    position: z.number().int(),
    name: z.string(),
    type: z.enum(TICKET_TYPES).nullable().describe('null: any type'),
    priority: z.enum(TICKET_PRIORITIES).nullable().describe('null: any priority'),
    customerTeamId: id.nullable().describe("Matches tickets whose customer is owned by this team; null: any"),
    assigneeIds: z.array(id).describe('The pool: active support users'),
    strategy: z.enum(ASSIGNMENT_STRATEGIES),
    active: z.boolean(),
  })
  .meta({ id: 'TicketAssignmentRule' })
export type AssignmentRule = z.infer<typeof assignmentRuleSchema>

export const assignmentRuleInputSchema = z.strictObject({
  id: id.optional().describe('Keep an existing rule (and its round-robin position)'),
  name: requiredText(100),
  type: z.enum(TICKET_TYPES).nullable().default(null),
  priority: z.enum(TICKET_PRIORITIES).nullable().default(null),
  customerTeamId: id.nullable().default(null),
  assigneeIds: z.array(id).min(1).max(200),
  strategy: z.enum(ASSIGNMENT_STRATEGIES).default('round_robin'),
  active: z.boolean().default(true),
})
export type AssignmentRuleInput = z.infer<typeof assignmentRuleInputSchema>

export const assignmentRulesSchema = z.object({ items: z.array(assignmentRuleSchema) }).meta({ id: 'TicketAssignmentRules' })
export const assignmentRulesUpdateSchema = z
  .strictObject({ items: z.array(assignmentRuleInputSchema).max(50).describe('The whole ordered list: the first rule that matches assigns') })
  .meta({ id: 'TicketAssignmentRulesUpdate' })

export const breachCountSchema = z.object({
  priority: z.enum(TICKET_PRIORITIES),
  tickets: z.number().int(),
  firstResponseBreached: z.number().int(),
  resolutionBreached: z.number().int(),
})
export const breachCountsSchema = z.object({ items: z.array(breachCountSchema) }).meta({ id: 'TicketBreachCounts' })
export type BreachCount = z.infer<typeof breachCountSchema>
