import { api } from '../../lib/api'
import type { AssignmentRule, AssignmentRuleInput, SlaSettings, SlaSettingsInput } from './types'

export const serviceSettingsApi = {
  sla: () => api.get<SlaSettings>('/ticket-sla'),
  /** Applies to tickets created or re-prioritised from now on; the due times of others stay. */
  saveSla: (body: SlaSettingsInput) => api.put<SlaSettings>('/ticket-sla', body),
  rules: () => api.get<{ items: AssignmentRule[] }>('/ticket-assignment-rules'),
  /** The whole ordered list: the first active rule that matches assigns. */
  saveRules: (items: AssignmentRuleInput[]) => api.put<{ items: AssignmentRule[] }>('/ticket-assignment-rules', { items }),
}
