import { useMutation, useQueryClient } from '@tanstack/react-query'
import { serviceSettingsApi } from '../api'
import { serviceSettingsKeys } from '../types'

export function useSaveAssignmentRules() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: serviceSettingsApi.saveRules, onSuccess: (saved) => queryClient.setQueryData(serviceSettingsKeys.rules, saved) })
}
