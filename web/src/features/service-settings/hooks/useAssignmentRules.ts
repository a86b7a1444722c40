import { useQuery } from '@tanstack/react-query'
import { serviceSettingsApi } from '../api'
import { serviceSettingsKeys } from '../types'

export function useAssignmentRules() {
  return useQuery({ queryKey: serviceSettingsKeys.rules, queryFn: serviceSettingsApi.rules, select: (r) => r.items })
}
