import { useMutation, useQueryClient } from '@tanstack/react-query'
import { companyApi } from '../api'
import { companyKeys } from '../types'

export function useSaveCompanyProfile() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: companyApi.save, onSuccess: (p) => queryClient.setQueryData(companyKeys.profile, p) })
}
