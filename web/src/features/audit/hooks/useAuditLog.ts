import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { auditApi } from '../api'
import { auditKeys, type AuditParams } from '../types'

export function useAuditLog(params: AuditParams) {
  return useQuery({
    queryKey: auditKeys.list(params),
    queryFn: ({ signal }) => auditApi.list(params, signal),
    placeholderData: keepPreviousData,
  })
}
