import { useMutation, useQueryClient } from '@tanstack/react-query'
import { auditApi } from '../api'
import { auditKeys } from '../types'

export function useStartAuditVerification() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: auditApi.startVerification,
    onSuccess: (verification) => queryClient.setQueryData(auditKeys.verification, { verification }),
  })
}
