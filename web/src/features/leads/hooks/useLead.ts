import { useQuery } from '@tanstack/react-query'
import { leadsApi } from '../api'
import { leadKeys } from '../types'

export function useLead(id: string) {
  return useQuery({ queryKey: leadKeys.detail(id), queryFn: () => leadsApi.get(id) })
}
