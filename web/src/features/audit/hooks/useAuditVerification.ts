import { useQuery } from '@tanstack/react-query'
import { auditApi } from '../api'
import { auditKeys } from '../types'

/** The last verification; polled while one runs, so the page shows its outcome when the job ends. */
export function useAuditVerification() {
  return useQuery({
    queryKey: auditKeys.verification,
    queryFn: ({ signal }) => auditApi.latestVerification(signal),
    refetchInterval: (q) => (q.state.data?.verification?.status === 'running' ? 2000 : false),
  })
}
