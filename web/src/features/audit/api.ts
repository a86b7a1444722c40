import { api, type Page } from '../../lib/api'
import type { AuditEntry, AuditParams, AuditVerification } from './types'

export const auditApi = {
  list: (params: AuditParams, signal?: AbortSignal) => api.get<Page<AuditEntry>>('/audit-log', params, signal),
  latestVerification: (signal?: AbortSignal) => api.get<{ verification: AuditVerification | null }>('/audit-log/verifications/latest', undefined, signal),
  startVerification: () => api.post<AuditVerification>('/audit-log/verifications'),
}
