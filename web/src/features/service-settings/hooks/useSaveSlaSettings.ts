import { useMutation, useQueryClient } from '@tanstack/react-query'
import { serviceSettingsApi } from '../api'
import { serviceSettingsKeys } from '../types'

export function useSaveSlaSettings() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: serviceSettingsApi.saveSla, onSuccess: (saved) => queryClient.setQueryData(serviceSettingsKeys.sla, saved) })
}
