import { useQuery } from '@tanstack/react-query'
import { leadsApi } from '../api'
import { leadKeys } from '../types'

export function useLeadRouting() {
  return useQuery({ queryKey: leadKeys.routing(), queryFn: leadsApi.routing })
}
