import { browserTimeZone } from '../../lib/format'
import type { AssignmentRule, AssignmentRuleInput, SlaSettings, SlaSettingsInput } from './types'

type Schedule = NonNullable<SlaSettings['businessHours']>

export interface SlaFormValues {
  targets: SlaSettings['targets']
  soonMinutes: number
  /** Off: the SLA clock runs around the clock (the server stores businessHours = null). */
  businessHoursOn: boolean
  businessHours: Schedule
}

/** Office hours to start from when business hours are first switched on: Monday to Friday, 9 to 6, here. */
export const defaultBusinessHours = (): Schedule => ({
  timeZone: browserTimeZone(),
  schedule: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' })),
  holidays: [],
})

export function toSlaForm(s: SlaSettings): SlaFormValues {
  return {
    targets: s.targets,
    soonMinutes: s.soonMinutes,
    businessHoursOn: s.businessHours !== null,
    businessHours: s.businessHours ?? defaultBusinessHours(),
  }
}

export function toSlaInput(v: SlaFormValues): SlaSettingsInput {
  const schedule = [...v.businessHours.schedule].sort((a, b) => a.day - b.day || a.start.localeCompare(b.start))
  return {
    targets: v.targets,
    soonMinutes: v.soonMinutes,
    businessHours: v.businessHoursOn ? { timeZone: v.businessHours.timeZone, schedule, holidays: [...(v.businessHours.holidays ?? [])].sort() } : null,
  }
}

export interface RuleFormValue {
  id?: string
  name: string
  type: AssignmentRule['type']
  priority: AssignmentRule['priority']
  customerTeamId: string | null
  assigneeIds: string[]
  strategy: AssignmentRule['strategy']
  active: boolean
}

export const newRule = (name: string): RuleFormValue => ({ name, type: null, priority: null, customerTeamId: null, assigneeIds: [], strategy: 'round_robin', active: true })

export const toRuleForm = (r: AssignmentRule): RuleFormValue => ({
  id: r.id,
  name: r.name,
  type: r.type,
  priority: r.priority,
  customerTeamId: r.customerTeamId,
  assigneeIds: r.assigneeIds,
  strategy: r.strategy,
  active: r.active,
})

/** "Any" is null on the server; a cleared select gives undefined. */
export const toRuleInput = (r: RuleFormValue): AssignmentRuleInput => ({
  ...(r.id ? { id: r.id } : {}),
  name: r.name.trim(),
  type: r.type ?? null,
  priority: r.priority ?? null,
  customerTeamId: r.customerTeamId ?? null,
  assigneeIds: r.assigneeIds ?? [],
  strategy: r.strategy,
  active: r.active ?? true,
})
