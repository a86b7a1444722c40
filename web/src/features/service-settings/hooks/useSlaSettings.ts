import { useQuery } from '@tanstack/react-query'
import { serviceSettingsApi } from '../api'
import { serviceSettingsKeys } from '../types'

export function useSlaSettings() {
  return useQuery({ queryKey: serviceSettingsKeys.sla, queryFn: serviceSettingsApi.sla })
}
