import { api, type Page } from '../../lib/api'
import type { AuditEntry, AuditParams } from './types'

export const auditApi = {
  list: (params: AuditParams, signal?: AbortSignal) => api.get<Page<AuditEntry>>('/audit-log', params, signal),
}
